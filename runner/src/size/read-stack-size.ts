// Measures what a stack uses on disk: images, containers' writable layers, named volumes, bind-mounted folders, var/.
import { join } from 'node:path';
import { readComposeContainers } from '../compose/compose-containers';
import { readComposeConfigJson, type ComposeConfigQuery } from '../compose/read-compose-config';
import type { Deps } from '../shared/deps';
import { CommandError, UsageError } from '../shared/core/errors';
import { buildSizeReport, type SizeReport } from './core/build-size-report';
import { selectServiceMounts } from './core/compose-mounts';
import { buildImageLayers, type ImageLayers } from './core/image-layers';
import { MEASURE_SCRIPT } from './measure-script';

/** The same query as compose's config: with the secret values compose gets Harbor's single file (docs/compose-model.md). */
export type StackSizeQuery = ComposeConfigQuery;

/**
 * Reads only. Volumes and host folders are measured from one throwaway container of the runner image that mounts
 * them read-only (the runner itself sees only the home); images and writable layers come from the engine.
 */
export async function readStackSize(deps: Deps, query: StackSizeQuery): Promise<SizeReport> {
  const services = selectServiceMounts(await readComposeConfigJson(deps, query), query.project.name);
  const containers = await readComposeContainers(deps, query.project, query.files, { env: query.env, all: true, ...(query.secretValues && { secretValues: query.secretValues }) });

  // Containers: their image (the one they run, even if the tag moved since) and writable layer.
  const writable = new Map<string, number>();
  const runningImage = new Map<string, string>();
  if (containers.length) {
    const inspected = JSON.parse(await docker(deps, ['container', 'inspect', '--size', ...containers.map((c) => c.name)])) as Array<{ Image: string; SizeRw?: number; Config: { Labels?: Record<string, string> | null } }>;
    for (const c of inspected) {
      const service = c.Config.Labels?.['com.docker.compose.service'] ?? '';
      writable.set(service, (writable.get(service) ?? 0) + (c.SizeRw ?? 0));
      if (!runningImage.has(service)) runningImage.set(service, c.Image);
    }
  }
  for (const s of services) s.image = runningImage.get(s.service) ?? s.image;

  const images = new Map<string, ImageLayers>();
  for (const ref of new Set(services.map((s) => s.image))) {
    const found = await deps.run(['docker', 'image', 'inspect', ref], { stdio: 'capture' });
    if (found.code !== 0) continue;
    const [info] = JSON.parse(found.stdout) as Array<{ Id: string; Size: number; RootFS: { Layers?: string[] } }>;
    const history = (await docker(deps, ['history', '--human=false', '--no-trunc', '--format', '{{.Size}}', info!.Id])).split('\n').filter(Boolean).map(Number);
    images.set(ref, buildImageLayers(info!.Id, info!.Size, info!.RootFS.Layers ?? [], history));
  }

  const existing = new Set((await docker(deps, ['volume', 'ls', '--format', '{{.Name}}'])).split('\n').filter(Boolean));
  const volumeNames = [...new Set(services.flatMap((s) => s.volumes))].filter((n) => existing.has(n));
  const varPath = join(query.project.directory, 'var');
  const paths = [varPath, ...new Set(services.flatMap((s) => s.binds))];
  const measured = await measure(deps, volumeNames, paths);
  return buildSizeReport({
    services,
    images,
    writable,
    volumes: new Map(volumeNames.map((n) => [n, measured.volumes.get(n)!])),
    binds: measured.paths,
    varPath,
    varBytes: measured.paths.get(varPath) ?? 0,
  });
}

/** One container mounts every volume and folder read-only (`--mount` never creates a missing one); missing folders are dropped and retried. */
async function measure(deps: Deps, volumes: readonly string[], paths: readonly string[]): Promise<{ volumes: Map<string, number>; paths: Map<string, number> }> {
  const image = deps.env.HARBOR_RUNNER_IMAGE;
  if (!image) throw new UsageError('size: no image to measure volumes with', { hint: 'run through ./harbor.sh (it sets HARBOR_RUNNER_IMAGE)' });
  let left = [...paths];
  for (let attempt = 0; attempt <= paths.length; attempt++) {
    const mounts = [
      ...volumes.flatMap((name, i) => ['--mount', `type=volume,source=${name},target=/m/v${i},readonly`]),
      ...left.flatMap((path, i) => ['--mount', `type=bind,source=${path},target=/m/p${i},readonly`]),
    ];
    const targets = [...volumes.map((_, i) => `/m/v${i}`), ...left.map((_, i) => `/m/p${i}`)];
    const result = await deps.run(['docker', 'run', '--rm', '--network', 'none', '--label', 'io.harbor.probe=size', ...mounts, '--entrypoint', 'node', image, '-e', MEASURE_SCRIPT, ...targets], { stdio: 'capture' });
    const missing = /bind source path does not exist: (\S+)/.exec(result.stderr)?.[1];
    if (result.code !== 0 && missing !== undefined && left.includes(missing)) {
      left = left.filter((p) => p !== missing);
      continue;
    }
    if (result.code !== 0) throw new CommandError(`size: the measuring container failed (exit ${result.code}): ${result.stderr.trim().split('\n').at(-1) ?? ''}`, { hint: `it runs node from ${image} with the volumes mounted read-only` });
    const bytes = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '[]') as number[];
    return {
      volumes: new Map(volumes.map((n, i) => [n, bytes[i]!])),
      paths: new Map(left.map((p, i) => [p, bytes[volumes.length + i]!])),
    };
  }
  throw new CommandError('size: could not mount the folders to measure', { hint: 'run with --debug to see the docker commands' });
}

async function docker(deps: Deps, args: readonly string[]): Promise<string> {
  const result = await deps.run(['docker', ...args], { stdio: 'capture' });
  if (result.code !== 0) throw new CommandError(`docker ${args[0]} failed (exit ${result.code}): ${result.stderr.trim()}`, { hint: 'is the Docker engine running? `docker ps` should answer' });
  return result.stdout;
}
