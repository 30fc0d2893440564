// The Dockerfile reader and stage replay the build-context test relies on (no Docker needed).
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parseStage, replayStage } from './dockerfile-stage';

const DOCKERFILE = `# a comment
ARG NODE_IMAGE=node:24
FROM scratch AS context
COPY . /

FROM \${NODE_IMAGE} AS bundle-source
WORKDIR /src
COPY --from=context / ./
# inside the stage
RUN --mount=type=cache,target=/root/.npm \\
    # a comment inside a continued instruction
    cat marker > out && \\
    echo second >> out

FROM scratch AS bundle-host
COPY runner/dist/harbor.cjs /x
`;

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'harbor-stage-'));
  dirs.push(d);
  return d;
};

test('parseStage: the stage\'s instructions, continuation lines joined and comments dropped, up to the next FROM', () => {
  assert.deepEqual(parseStage(DOCKERFILE, 'bundle-source'), [
    { keyword: 'WORKDIR', args: '/src' },
    { keyword: 'COPY', args: '--from=context / ./' },
    { keyword: 'RUN', args: '--mount=type=cache,target=/root/.npm cat marker > out && echo second >> out' },
  ]);
  assert.deepEqual(parseStage(DOCKERFILE, 'bundle-host'), [{ keyword: 'COPY', args: 'runner/dist/harbor.cjs /x' }]);
  assert.throws(() => parseStage(DOCKERFILE, 'nope'), /the Dockerfile has no stage named nope/);
});

test('replayStage: copies the context, runs each RUN without its --mount flags, in order', () => {
  const context = temp();
  writeFileSync(join(context, 'marker'), 'from the context\n');
  const work = temp();
  const r = replayStage(parseStage(DOCKERFILE, 'bundle-source'), context, work, {});
  assert.equal(r.ok, true);
  assert.equal(readFileSync(join(work, 'out'), 'utf8'), 'from the context\nsecond\n');
});

test('replayStage: stops at the first failing step with its output', () => {
  const r = replayStage(parseStage(DOCKERFILE, 'bundle-source'), temp(), temp(), {});
  assert.deepEqual(r.ok ? undefined : [r.failed, /marker/.test(r.output), r.steps.length], ['RUN --mount=type=cache,target=/root/.npm cat marker > out && echo second >> out', true, 3]);
});

test('replayStage: an instruction it does not know fails the replay', () => {
  const r = replayStage(parseStage(DOCKERFILE, 'bundle-host'), temp(), temp(), {});
  assert.deepEqual(r.ok ? undefined : [r.failed, r.output], ['COPY runner/dist/harbor.cjs /x', 'the replay does not know COPY runner/dist/harbor.cjs /x: teach tests/support/dockerfile-stage.ts']);
});
