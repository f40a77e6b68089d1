/**
 * @module playground/page/static-assets — the page's files (HTML, CSS, vanilla ES modules, an SVG
 * icon), read once from `assets/` at start and served as they are: no build step, no bundler.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MentorError } from '../../errors.js';

export interface StaticAsset {
  body: Buffer;
  contentType: string;
}

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** `src/playground/page/assets` (beside this module; `npm run build` copies it next to the output). */
export const DEFAULT_ASSETS_DIRECTORY = fileURLToPath(new URL('./assets/', import.meta.url));

/**
 * Reads every servable file of `directory` into memory, keyed by URL path (`/app.js`); `/` is
 * `index.html`. Other files (type declarations, notes) are not served.
 */
export async function loadStaticAssets(
  directory = DEFAULT_ASSETS_DIRECTORY,
): Promise<Map<string, StaticAsset>> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    throw new MentorError('internal', `playground: the page's files are missing (looked in ${directory})`, {
      cause: error,
    });
  }
  const assets = new Map<string, StaticAsset>();
  for (const name of names) {
    const contentType = contentTypes[path.extname(name)];
    if (contentType === undefined) continue;
    assets.set(`/${name}`, { body: await readFile(path.join(directory, name)), contentType });
  }
  const index = assets.get('/index.html');
  if (!index) throw new MentorError('internal', `playground: index.html is missing from ${directory}`);
  assets.set('/', index);
  return assets;
}
