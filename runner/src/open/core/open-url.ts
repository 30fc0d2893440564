// Which URLs Harbor may ask the host to open in a browser (harbor.sh checks the same rule again before it acts).
import type { ServiceUrl } from '../../compose/core/service-url';

/**
 * http(s) only, with a host, and no character a shell or an opener could read as more than one URL: no
 * whitespace, control characters, quotes, backticks, backslashes or angle brackets.
 * @example isOpenableUrl('http://localhost:8080/') // true
 * @example isOpenableUrl('file:///etc/passwd') // false
 */
export function isOpenableUrl(url: string): boolean {
  return /^https?:\/\/[^\s"'`\\<>\x00-\x1f\x7f/?#]+[^\s"'`\\<>\x00-\x1f\x7f]*$/.test(url);
}

/**
 * The URLs `up --open` / `deploy --open` open: those of the services named on the command line that publish a
 * port, else (none named, or none of them publishes one) every published URL.
 * @example selectOpenUrls([{ service: 'a', url: 'http://localhost:1' }, { service: 'b', url: 'http://localhost:2' }], ['b']) // ['http://localhost:2']
 */
export function selectOpenUrls(urls: readonly ServiceUrl[], named: readonly string[]): string[] {
  const own = urls.filter((u) => named.includes(u.service));
  return (own.length > 0 ? own : urls).map((u) => u.url);
}
