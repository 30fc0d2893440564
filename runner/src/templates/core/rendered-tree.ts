// The data that flows from template sources to var/run/: source files, the planned tree, the current tree.
import type { TemplateJob } from './build-template-jobs';

/** One file matched by a job's glob, as read from the home. */
export interface TemplateSourceFile {
  /** Home-relative path. */
  path: string;
  /** Path below the job's template folder. */
  rel: string;
  bytes: Uint8Array;
  /** Permission bits (0o777 mask). */
  mode: number;
}

export interface TemplateSourceSet {
  job: TemplateJob;
  files: readonly TemplateSourceFile[];
}

export type FileEngine = 'envsubst' | 'liquid' | 'copy';

/** One output file as the templates say it should be. */
export interface PlannedFile {
  /** Home-relative output path below var/run/. */
  path: string;
  /** Home-relative template path. */
  source: string;
  service: string | null;
  engine: FileEngine;
  bytes: Uint8Array;
  mode: number;
  sha256: string;
  /** A secret value was rendered into it (mode 0600). */
  secret: boolean;
}

export interface PlannedTree {
  /** The services this plan covers: files of other services are left alone. */
  services: readonly string[];
  /** By output path, in code-point order. */
  files: ReadonlyMap<string, PlannedFile>;
}

/** What a rendered file is now: from the manifest, with hash and mode as found on disk. */
export interface CurrentFile {
  sha256: string;
  mode: number;
  service: string | null;
  /** Listed in the manifest, so Harbor rendered it and may remove it. */
  owned: boolean;
}

export type CurrentTree = ReadonlyMap<string, CurrentFile>;
