// Reading files is the CLI's job; libs/manifests gets bytes and a source name, and decides what they mean.
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { readWorkloads, type SourceText } from '@podfit/manifests';
import { CliError } from './exit-code';

export const STDIN_PATH = '-';
export const STDIN_SOURCE_NAME = '<stdin>';

// cli-runtime resource/builder.go FileExtensions
const MANIFEST_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

export interface ReadSourcesOptions {
  readonly recursive: boolean;
  readonly readStdin: () => Promise<Uint8Array>;
}

/**
 * Reads every path as kubectl's `-f` does (cli-runtime resource/visitor.go, ExpandPathsToFileVisitors):
 * `-` is stdin; a file is read whatever its extension; a directory yields its `.json`, `.yaml` and `.yml`
 * files in lexical order, and its subdirectories only with `recursive`.
 */
export async function readSources(
  paths: readonly string[],
  options: ReadSourcesOptions,
): Promise<SourceText[]> {
  const sources: SourceText[] = [];
  for (const path of paths) {
    if (path === STDIN_PATH) {
      sources.push({ name: STDIN_SOURCE_NAME, content: await options.readStdin() });
      continue;
    }
    for (const file of expandPath(path, options.recursive)) {
      sources.push({ name: file, content: readFile(file) });
    }
  }
  return sources;
}

function expandPath(path: string, recursive: boolean): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new CliError(`the path ${JSON.stringify(path)} does not exist`);
    throw new CliError(`the path ${JSON.stringify(path)} cannot be accessed: ${describeFsError(error)}`);
  }
  if (!isDirectory) return [path];
  const files: string[] = [];
  walkDirectory(path, recursive, files);
  return files;
}

// Like Go's filepath.Walk below the root: entries sorted by name, symbolic links not followed into.
function walkDirectory(directory: string, recursive: boolean, files: string[]): void {
  let names: string[];
  try {
    names = readdirSync(directory).sort();
  } catch (error) {
    throw new CliError(`error reading ${JSON.stringify(directory)}: ${describeFsError(error)}`);
  }
  for (const name of names) {
    const path = join(directory, name);
    let isDirectory: boolean;
    try {
      isDirectory = lstatSync(path).isDirectory();
    } catch (error) {
      throw new CliError(`error reading ${JSON.stringify(path)}: ${describeFsError(error)}`);
    }
    if (isDirectory) {
      if (recursive) walkDirectory(path, recursive, files);
    } else if (MANIFEST_EXTENSIONS.has(extname(name))) {
      files.push(path);
    }
  }
}

function readFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`open ${path}: ${describeFsError(error)}`);
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A source's text, for the podfit server, which takes text. Bytes that are not UTF-8 fail here with the
 * manifest reader's own located error (`input is not UTF-8 text: invalid byte 0xff`), as they do offline.
 */
export function sourceText(source: SourceText): string {
  if (typeof source.content === 'string') return source.content;
  try {
    return UTF8.decode(source.content);
  } catch {
    readWorkloads([source]);
    throw new CliError(`${source.name}: input is not UTF-8 text`);
  }
}

/** Reads a stream to its end, as bytes. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

const FS_ERROR_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
};

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code !== undefined && code in FS_ERROR_TEXT) return FS_ERROR_TEXT[code]!;
  return error instanceof Error ? error.message : String(error);
}
