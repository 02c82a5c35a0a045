import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** The site's pages: MDX files under content/, one per paper (and more). */
const pages = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: './content' }),
  schema: z
    .object({
      title: z.string(),
      description: z.string(),
      /** key of the paper the page reproduces (see ../shared/papers/README.md) */
      paper: z.enum(['luo2021', 'chen2023', 'zhou2022', 'chen2024']).optional(),
      /** full reference of the paper */
      reference: z.string().optional(),
      /** position on the home page */
      order: z.number().int(),
    })
    .strict(),
});

export const collections = { pages };
