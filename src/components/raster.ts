/**
 * SVG → raster at build time, with sharp (installed with Astro, for its image service). The site draws
 * some SVG as raster images because a browser decodes an SVG image on the page's main thread (it styles,
 * lays out and paints each of its elements: thousands for a dense scatter), a PNG or WebP off it.
 */
type Sharp = typeof import('sharp').default;

let loaded: Promise<Sharp> | undefined;
async function sharp(what: string): Promise<Sharp> {
  loaded ??= import('sharp').then((m) => m.default);
  try {
    return await loaded;
  } catch (e) {
    throw new Error(`${what}: sharp (installed with astro) does not load (${(e as Error).message.split('\n')[0]}): npm i -D sharp`);
  }
}

/**
 * A dense-mark layer (transparent, in its chart's coordinates) as a palette PNG at `scale` × its size:
 * as sharp as the vector on a 2× screen and a fraction of its bytes; `what` names it in errors.
 */
export async function layerPng(svg: string, what: string, scale = 2): Promise<Uint8Array<ArrayBuffer>> {
  const s = await sharp(what);
  return new Uint8Array(
    await s(Buffer.from(svg), { density: 72 * scale })
      .png({ palette: true, compressionLevel: 9 })
      .toBuffer(),
  );
}

/** A chart as an opaque WebP fitted in `box` (device px) on white, for the home page's thumbnails. */
export async function thumbnailWebp(svg: string, what: string, box: { width: number; height: number }): Promise<Uint8Array<ArrayBuffer>> {
  const s = await sharp(what);
  const input = Buffer.from(svg);
  // rasterise at about the final size (SVG user units are CSS px at 72 dpi), then fit it in the box
  const { width = box.width, height = box.height } = await s(input).metadata();
  const density = Math.min(288, Math.max(36, 72 * Math.min(box.width / width, box.height / height)));
  const webp = await s(input, { density })
    .resize({ ...box, fit: 'inside' })
    .flatten({ background: '#ffffff' })
    .webp({ quality: 82 })
    .toBuffer();
  return new Uint8Array(webp);
}
