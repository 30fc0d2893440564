// --lan and --host, shared by `url` and `qr`: which host name the printed URL carries.
import * as v from 'valibot';

export const LAN_OPTIONS = [
  { flags: '--lan', description: "Use this host's LAN address instead of localhost (found by harbor.sh), for other machines and phones" },
  { flags: '--host <addr>', description: 'Use this host name or address instead of localhost' },
] as const;

export const lanOptionEntries = {
  lan: v.optional(v.boolean(), false),
  host: v.optional(v.pipe(v.string(), v.minLength(1, 'needs a host name or address'))),
};
