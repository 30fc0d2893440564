// docs/migration.md must say what became of every v1 command (the words of v1's main_entrypoint in harbor.sh).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const doc = readFileSync(new URL('../../../docs/migration.md', import.meta.url), 'utf8');
const table = doc.split('\n').filter((line) => line.startsWith('| `') || line.startsWith('| Service'));

// v1 harbor.sh main_entrypoint, every case word (aliases included).
const V1_COMMANDS = [
  'up', 'u', 'down', 'd', 'restart', 'r', 'ps', 'build', 'shell', 'logs', 'l', 'pull', 'exec', 'run', 'stats', 'cmd', 'help',
  'hf', 'defaults', 'alias', 'aliases', 'a', 'link', 'ln', 'unlink', 'open', 'o', 'url', 'qr', 'list', 'ls', 'version', 'smi',
  'top', 'dive', 'eject', 'ollama', 'llamacpp', 'tgi', 'litellm', 'vllm', 'aphrodite', 'openai', 'webui', 'tabbyapi',
  'parllama', 'oterm', 'plandex', 'mistralrs', 'interpreter', 'opint', 'cfd', 'cloudflared', 'cmdh', 'fabric', 'parler',
  'airllm', 'txtai', 'aider', 'chatui', 'comfyui', 'aichat', 'omnichain', 'lmeval', 'sglang', 'jupyter', 'ol1',
  'ktransformers', 'openhands', 'oh', 'stt', 'speaches', 'boost', 'nexa', 'repopack', 'k6', 'promptfoo', 'pf', 'webtop',
  'langflow', 'kobold', 'morphic', 'gptme', 'mcp', 'modularmax', 'tunnel', 't', 'tunnels', 'config', 'profile', 'profiles',
  'p', 'gum', 'fixfs', 'info', 'update', 'how', 'find', 'home', 'vscode', 'doctor', 'bench', 'history', 'h', 'size', 'env',
  'dev', 'tools',
];

for (const command of V1_COMMANDS) {
  test(`docs/migration.md covers v1 \`${command}\``, () => {
    const word = new RegExp(`\`${command}\`|\`${command} `);
    assert.ok(table.some((row) => word.test(row.split(' | ')[0]!)), `no table row starts with v1 \`${command}\``);
  });
}
