// The script the http.check probe container runs with node: retries a URL until it answers the expected status.

// Runs in the probe container: retries every 500 ms until the status matches or the time is up, then prints one
// JSON line. Redirects are not followed, so a 302 can be checked for. argv: url, status, timeout (seconds).
export const PROBE_SCRIPT = `const [url, want, secs] = process.argv.slice(1);
const end = Date.now() + Number(secs) * 1000;
let last = { ok: false, status: 0, tries: 0 };
(async () => {
  for (;;) {
    last.tries++;
    try {
      const r = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(Math.max(500, Math.min(5000, end - Date.now()))) });
      await r.arrayBuffer().catch(() => undefined);
      last = { ok: r.status === Number(want), status: r.status, tries: last.tries };
    } catch (e) {
      last = { ok: false, status: 0, error: String((e && e.cause && e.cause.code) || (e && e.name) || e), tries: last.tries };
    }
    if (last.ok || Date.now() + 500 > end) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(JSON.stringify(last));
  process.exitCode = last.ok ? 0 : 1;
})();`;

