// A scalar as flat stores (dotenv, INI) write it: Go's ValueToString.
import { formatGoFloatF } from '../go-scalars';
import type { SopsScalar } from '../sops-tree';

export function scalarText(v: SopsScalar): string {
  switch (v.type) {
    case 'str': case 'int': case 'time': return v.value;
    case 'float': return formatGoFloatF(v.value);
    case 'bool': return v.value ? 'true' : 'false';
    case 'null': return '';
    case 'bytes': return Buffer.from(v.value).toString('utf8');
  }
}
