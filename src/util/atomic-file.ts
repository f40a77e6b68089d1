/**
 * @module util/atomic-file — write-then-rename, so a crash mid-write leaves the old file intact
 * and readers never see half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Path of a fresh temporary file next to `target` (same directory → same filesystem → atomic rename). */
export function temporaryPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
}

/**
 * Produces `target` by letting `write` fill a temporary path, then renaming it into place.
 * The temporary file is removed if `write` fails.
 */
export async function replaceFileAtomically(
  target: string,
  write: (temporaryPath: string) => Promise<void>,
): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = temporaryPathFor(target);
  try {
    await write(temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export function writeFileAtomically(target: string, data: string | Uint8Array): Promise<void> {
  return replaceFileAtomically(target, (temporary) => writeFile(temporary, data));
}
