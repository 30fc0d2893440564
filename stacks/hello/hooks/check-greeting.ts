// The example stack's post_deploy hook (etc/harbor.yaml): hello's greeting page must show what greeter answers,
// fetched over the stack network. A wrong or missing greeting fails the deploy (exit code 6).
// A ts_routine: run by the runner's Node in a throwaway container (docs/Harbor-Hooks.md).

interface HookContext {
  services: string[];
  log: { info(message: string): void };
}

async function get(url: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.text();
}

export default async (ctx: HookContext): Promise<void> => {
  if (!ctx.services.includes('hello')) {
    ctx.log.info('hello is not deployed: no greeting to check');
    return;
  }
  const page = await get('http://hello/cgi-bin/greeting');
  // Without greeter, the cross file compose.x.hello.greeter.yml is not selected and hello says so.
  const expected = ctx.services.includes('greeter') ? await get('http://greeter/') : 'No greeter wired in: run harbor up greeter\n';
  if (page !== expected) throw new Error(`hello's greeting page shows ${JSON.stringify(page)}, expected ${JSON.stringify(expected)}`);
  ctx.log.info(`hello's greeting page shows ${JSON.stringify(page.trim())}`);
};
