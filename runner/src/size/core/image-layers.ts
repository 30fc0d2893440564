// Works out each image's layers and their sizes, so images that share layers count those bytes once.
import { createHash } from 'node:crypto';

/** The diff ID of a layer with no content (an empty tar): it takes no space and has no history size. */
export const EMPTY_LAYER_DIFF = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef';

export interface ImageLayers {
  id: string;
  /** The image's size in bytes, all layers (docker's Size / VirtualSize). */
  bytes: number;
  /** One entry per layer, oldest first: its chain ID (same base + same content = same key) and size. */
  layers: Array<{ key: string; bytes: number }>;
  /** The history did not line up with the layers: the image counts as one unit, shared with nothing. */
  approximate: boolean;
}

/**
 * `docker history` lists one size per build step, newest first; steps that made no layer have size 0, and every
 * layer that is not the empty tar has a step with size > 0 (docker's own accounting). Those are zipped, oldest first.
 * @example buildImageLayers('sha256:i', 30, ['sha256:a', 'sha256:b'], [20, 0, 10]).layers.map((l) => l.bytes) // [10, 20]
 */
export function buildImageLayers(id: string, bytes: number, diffIds: readonly string[], historySizesNewestFirst: readonly number[]): ImageLayers {
  const sizes = [...historySizesNewestFirst].reverse().filter((s) => s > 0);
  const content = diffIds.filter((d) => d !== EMPTY_LAYER_DIFF).length;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (sizes.length !== content || total !== bytes) return { id, bytes, layers: [{ key: `image:${id}`, bytes }], approximate: true };
  let chain = '';
  let next = 0;
  const layers = diffIds.map((diff) => {
    chain = createHash('sha256').update(`${chain} ${diff}`).digest('hex');
    return { key: chain, bytes: diff === EMPTY_LAYER_DIFF ? 0 : sizes[next++]! };
  });
  return { id, bytes, layers, approximate: false };
}

/**
 * The bytes of all these images together, every layer counted once (a base image under three services counts once).
 * @example sumSharedLayers([a, b]) // a.bytes + b's layers that a does not have
 */
export function sumSharedLayers(images: readonly ImageLayers[]): number {
  const seen = new Map<string, number>();
  for (const image of images) for (const layer of image.layers) seen.set(layer.key, layer.bytes);
  return [...seen.values()].reduce((a, b) => a + b, 0);
}
