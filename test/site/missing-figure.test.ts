/** A figure id used in MDX that no experiment provides fails the build, naming the figure and the page. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ProjectCopy } from '../helpers/fixture.js';

let copy: ProjectCopy;

beforeAll(() => {
  copy = new ProjectCopy('cc-missing-figure-');
  copy.experiments(['--profile', 'quick']);
  copy.write(
    'content/zz-missing-figure-check.mdx',
    `---\ntitle: Check\ndescription: A page that names a figure no experiment provides.\norder: 99\n---\n\n<Figure id="no-such-figure">Caption.</Figure>\n`,
  );
});

afterAll(() => copy?.remove());

it('fails the Astro build with the figure id and the page', () => {
  const r = copy.build();
  expect(r.status).not.toBe(0);
  expect(r.output).toContain('figure "no-such-figure" used in page /zz-missing-figure-check');
  expect(r.output).toContain('is provided by no experiment');
});
