import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTaskToml } from '../../../src/tasks/core/parse-task-toml';

type Found = [number, string, string];
const found = (issues: { line: number; path: (string | number)[]; message: string }[]): Found[] => issues.map((i) => [i.line, i.path.join('.'), i.message]);

describe('parseTaskToml: every schema version', () => {
  const versions: Array<{ name: string; text: string; schema: string }> = [
    { name: 'version = "1.0" (TB2 style, the old reference page)', text: 'version = "1.0"\n[metadata]\nauthor_name = "a"\ntags = ["x"]\n[verifier]\ntimeout_sec = 120.0\nenv = {}\n[agent]\ntimeout_sec = 300.0\n[environment]\nbuild_timeout_sec = 600.0\ncpus = 1\nmemory = "2G"\nstorage = "10G"\ngpus = 0\nallow_internet = true\n[solution]\nenv = {}\n[[environment.mcp_servers]]\nname = "m"\ntransport = "streamable-http"\nurl = "http://m:8000/mcp"\n', schema: '1.0' },
    { name: 'schema_version 1.1 with [task]', text: 'schema_version = "1.1"\n[task]\nname = "acme/hello"\ndescription = "d"\nauthors = [{ name = "A", email = "a@b" }]\nkeywords = ["k"]\n', schema: '1.1' },
    { name: 'schema_version 1.2 with steps and a separate verifier', text: 'schema_version = "1.2"\nmulti_step_reward_strategy = "final"\nartifacts = ["/app/out", { source = "/x", destination = "y" }]\n[environment]\nos = "Linux"\nworkdir = "/w"\n[verifier.environment]\ncpus = 1\n[[steps]]\nname = "a"\nmin_reward = 0.5\n[steps.agent]\ntimeout_sec = 5\n[[steps]]\nname = "b"\nmin_reward = { reward = 1, acc = 0.5 }\n', schema: '1.2' },
    { name: 'schema_version 1.3 with network_mode', text: 'schema_version = "1.3"\n[environment]\nnetwork_mode = "no-network"\n', schema: '1.3' },
    { name: 'schema_version 1.4 with task version, collect, healthcheck', text: 'schema_version = "1.4"\n[task]\nname = "a/b"\nversion = "2"\n[[verifier.collect]]\ncommand = "tar c /x"\n[environment.healthcheck]\ncommand = "true"\n', schema: '1.4' },
    { name: 'both spellings: schema_version wins', text: 'version = "1.0"\nschema_version = "1.3"\n', schema: '1.3' },
    { name: 'no version at all: the newest', text: '', schema: '1.4' },
  ];
  for (const c of versions) {
    it(c.name, () => {
      const parsed = parseTaskToml(c.text);
      deepStrictEqual(found(parsed.errors), []);
      strictEqual(parsed.config?.schemaVersion, c.schema);
    });
  }
});

describe('parseTaskToml: the framework rules', () => {
  it('memory and storage size strings map to MB, with a deprecation warning', () => {
    const parsed = parseTaskToml('[environment]\nmemory = "2G"\nstorage = "512M"\n');
    strictEqual(parsed.config?.environment.memoryMb, 2048);
    strictEqual(parsed.config?.environment.storageMb, 512);
    deepStrictEqual(found(parsed.warnings), [
      [2, 'environment.memory', 'is deprecated: write memory_mb = 2048'],
      [3, 'environment.storage', 'is deprecated: write storage_mb = 512'],
    ]);
  });
  it('allow_internet maps to network_mode; network_mode wins when both are set', () => {
    strictEqual(parseTaskToml('[environment]\nallow_internet = false\n').config?.environment.networkMode, 'no-network');
    strictEqual(parseTaskToml('[environment]\nallow_internet = true\n').config?.environment.networkMode, 'public');
    strictEqual(parseTaskToml('[environment]\nallow_internet = false\nnetwork_mode = "public"\n').config?.environment.networkMode, 'public');
  });
  it('defaults are the framework\'s current ones', () => {
    const c = parseTaskToml('').config!;
    deepStrictEqual([c.agent.timeoutSec, c.verifier.timeoutSec, c.environment.buildTimeoutSec, c.verifier.mode, c.multiStepRewardStrategy], [null, 600, 600, 'shared', 'mean']);
  });
  it('a [verifier.environment] table means separate mode', () => {
    strictEqual(parseTaskToml('[verifier.environment]\n').config?.verifier.mode, 'separate');
  });
  it('step phases inherit the task-level settings and override them', () => {
    const c = parseTaskToml('[agent]\ntimeout_sec = 9\nuser = "u"\n[verifier]\nenv = { A = "1" }\n[[steps]]\nname = "s"\n[steps.agent]\ntimeout_sec = 3\n[steps.verifier]\nenv = { B = "2" }\n').config!;
    deepStrictEqual([c.steps![0]!.agent.timeoutSec, c.steps![0]!.agent.user, c.steps![0]!.verifier.env], [3, 'u', { A: '1', B: '2' }]);
  });
  it('unknown keys are warnings with their line, not errors', () => {
    const parsed = parseTaskToml('version = "1.0"\nbogus = 1\n[verifier]\ntimeout = 5\n[[steps]]\nname = "a"\n[steps.agent]\nextra = true\n');
    deepStrictEqual(found(parsed.errors), []);
    deepStrictEqual(found(parsed.warnings), [
      [2, 'bogus', 'unknown key (ignored; the framework ignores it too)'],
      [4, 'verifier.timeout', 'unknown key (ignored; the framework ignores it too) (did you mean timeout_sec?)'],
      [8, 'steps.0.agent.extra', 'unknown key (ignored; the framework ignores it too)'],
    ]);
  });
  it('an unknown schema version is a warning', () => {
    deepStrictEqual(found(parseTaskToml('schema_version = "9.9"\n').warnings), [[1, 'schema_version', 'schema version "9.9" is not one Harbor knows (1.0, 1.1, 1.2, 1.3, 1.4); the file is read as the newest']]);
  });
});

describe('parseTaskToml: errors, every one at once, with file lines', () => {
  const cases: Array<{ name: string; text: string; errors: Found[] }> = [
    { name: 'malformed TOML: the parser\'s line', text: 'version = "1.0"\n[verifier\n', errors: [[2, '', 'malformed TOML: illegal character in key']] },
    { name: 'a disagreeing memory and memory_mb', text: '[environment]\nmemory = "2G"\nmemory_mb = 1024\n', errors: [[3, 'environment.memory_mb', 'memory = "2G" (2048 MB) and memory_mb = 1024 disagree: keep only memory_mb']] },
    { name: 'a size string that is not one', text: '[environment]\nmemory = "2 GB"\n', errors: [[2, 'environment.memory', '"2 GB" is not a size: write a number with G, M or K ("2G", "512M"), or use memory_mb']] },
    { name: 'allowed_hosts without allowlist', text: '[environment]\nnetwork_mode = "public"\nallowed_hosts = ["a.com"]\n', errors: [[3, 'environment.allowed_hosts', 'is only valid with network_mode = "allowlist" (here: "public")']] },
    { name: 'a URL in allowed_hosts', text: '[environment]\nnetwork_mode = "allowlist"\nallowed_hosts = ["https://a.com/x"]\n', errors: [[3, 'environment.allowed_hosts.0', 'a URL is not a host: write "a.com"']] },
    { name: 'a task name that is not org/name', text: 'schema_version = "1.1"\n[task]\nname = "hello"\n', errors: [[3, 'task.name', 'must be "org/name" (letters, digits, ".", "_", "-"; each part starting with a letter or digit)']] },
    { name: '[task] without a name', text: '[task]\ndescription = "x"\n', errors: [[1, 'task.name', 'is required']] },
    { name: 'shared mode with a [verifier.environment]', text: '[verifier]\nenvironment_mode = "shared"\n[verifier.environment]\ncpus = 1\n', errors: [[2, 'verifier.environment_mode', '"shared" cannot be used with a [verifier.environment] table (that table means a separate verifier environment)']] },
    { name: 'a wrong type and a bad enum in one file, plus a rule', text: '[verifier]\ntimeout_sec = "60"\n[environment]\nnetwork_mode = "none"\nmemory = "1G"\nmemory_mb = 2\n', errors: [
      [2, 'verifier.timeout_sec', 'must be a number of seconds'],
      [4, 'environment.network_mode', 'must be "public", "no-network" or "allowlist"'],
      [6, 'environment.memory_mb', 'memory = "1G" (1024 MB) and memory_mb = 2 disagree: keep only memory_mb'],
    ] },
    { name: 'two steps with one name, and a bad min_reward', text: '[[steps]]\nname = "a"\n[[steps]]\nname = "a"\nmin_reward = "high"\n', errors: [[4, 'steps.1.name', 'step "a" is defined twice'], [5, 'steps.1.min_reward', 'must be a number or a table of numbers per reward key']] },
    { name: 'duplicate step names', text: '[[steps]]\nname = "a"\n[[steps]]\nname = "a"\n', errors: [[4, 'steps.1.name', 'step "a" is defined twice']] },
    { name: 'artifact destinations', text: 'artifacts = [{ source = "../x" }]\n[[steps]]\nname = "s"\nartifacts = [{ source = "/a", destination = "manifest.json" }]\n', errors: [[1, 'artifacts.0', 'source "../x" must not contain ".."'], [4, 'steps.0.artifacts.0.destination', 'manifest.json is written by Harbor: choose another name']] },
    { name: 'a negative timeout', text: '[agent]\ntimeout_sec = -1\n', errors: [[2, 'agent.timeout_sec', 'must be 0 or more']] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const parsed = parseTaskToml(c.text);
      deepStrictEqual(found(parsed.errors), c.errors);
      strictEqual(parsed.config, undefined);
    });
  }
});
