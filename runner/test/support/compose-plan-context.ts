// A plan context for compose action tests: a home, a project and a two-file selection.
import type { PlanContext } from '../../src/workflow/action';

export const planContext: PlanContext = {
  home: '/srv/harbor',
  projectName: 'demo',
  selection: { files: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'], services: ['hello'], options: ['hello'], capabilities: [] },
  stage: 'deploy',
  composeEnv: { SECRET_TOKEN: 'never-on-argv' },
  dryRun: true,
};

/** Everything before the subcommand, for this context. */
export const composeHead = [
  'docker', 'compose', '-p', 'demo', '--project-directory', '/srv/harbor',
  '-f', '/srv/harbor/etc/stacks/compose.yml', '-f', '/srv/harbor/etc/stacks/compose.hello.yml',
];
