// Test data shared by the stack env tests: shared layers plus two services that disagree on PORT.
import type { EnvLayer } from '../../../src/env/core/merge-env-layers';

const layer = (type: EnvLayer['type'], file: string, text: string, service?: string): EnvLayer => ({
  type,
  name: service ? `${type} ${service}` : type,
  file,
  secret: type === 'secrets' || type === 'sops',
  ...(service !== undefined && { service }),
  content: { kind: 'dotenv', text },
});

export const STACK_LAYERS: EnvLayer[] = [
  layer('sys', 'etc/sys.env', 'DOMAIN=localhost\nLOG_LEVEL=info\n'),
  layer('service', 'stacks/db/service.env', 'PORT=5432\nPOSTGRES_PASSWORD\n', 'db'),
  layer('service', 'stacks/web/service.env', 'PORT=8080\nLOG_LEVEL=${LOG_LEVEL}\nweb.mode=fast\nDB_PASSWORD\nNEVER_SET\n', 'web'),
  layer('secrets', 'override.secrets.env', 'DB_PASSWORD=hunter2\nPOSTGRES_PASSWORD=${DB_PASSWORD}\n'),
];
