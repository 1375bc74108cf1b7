/** Kubernetes' name and label syntax (apimachinery/pkg/util/validation), shared by input schemas and output checks. */

/** DNS-1123 label: namespaces, Services, and our tenant, model and environment names. At most 63 characters. */
export const DNS_LABEL_PATTERN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

/** A label value: empty, or at most 63 alphanumerics, "-", "_" and "." starting and ending alphanumeric. */
export const LABEL_VALUE_PATTERN = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';

/** DNS-1035 label: what Kubernetes accepts as a Service name (a letter first). At most 63 characters. */
export const DNS_1035_LABEL_PATTERN = '^[a-z]([-a-z0-9]*[a-z0-9])?$';

/** Largest value of an int32 field (replica counts, ports, thresholds of KEDA and Kubernetes). */
export const INT32_MAX = 2147483647;

/**
 * A container image reference, by the grammar of github.com/distribution/reference:
 * `[host[:port]/]path[:tag][@algorithm:hex]`, path components lowercase, a tag of at most 128 characters.
 */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const IMAGE_NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;

/** An image reference that is pinned: a tag other than `latest`, a digest, or both. */
export const PINNED_IMAGE_PATTERN = `^${IMAGE_NAME}(?::(?!latest$)${TAG}(?:@${DIGEST})?|@${DIGEST})$`;

/**
 * Repository URLs Argo CD accepts for a Git source: `https://`, `http://`, `ssh://` and `git://` URLs, and the
 * scp-like SSH form `user@host:path` (such as `git@github.com:org/repo.git`).
 */
export const REPO_URL_PATTERN = '^(?:(?:https?|ssh|git)://[^\\s/@]+(?:@[^\\s/@]+)?(?::[0-9]+)?(?:/[^\\s]*)?|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\\s]+)$';

/** An http(s) URL with a host, as Argo CD, KEDA and MCP clients dial it. */
export const HTTP_URL_PATTERN = '^https?://[^\\s/?#]+(?:[/?#][^\\s]*)?$';

/**
 * Why `expr` is not a cron schedule Karpenter accepts (five fields: minute hour day-of-month month day-of-week, with
 * `*`, ranges, steps, lists and month or weekday names, or one of @yearly @annually @monthly @weekly @daily
 * @midnight @hourly), or undefined when it is one.
 */
export function cronProblem(expr: string): string | undefined {
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(expr)) return undefined;
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) return `has ${fields.length} field(s), not 5 (minute hour day-of-month month day-of-week)`;
  const specs: [string, number, number, string[]][] = [
    ['minute', 0, 59, []],
    ['hour', 0, 23, []],
    ['day-of-month', 1, 31, []],
    ['month', 1, 12, ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']],
    ['day-of-week', 0, 6, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']],
  ];
  for (let i = 0; i < 5; i++) {
    const [what, min, max, names] = specs[i];
    const value = (s: string) => {
      const n = names.indexOf(s.toUpperCase());
      if (n >= 0) return n + min;
      return /^[0-9]+$/.test(s) ? Number(s) : NaN;
    };
    for (const part of fields[i].split(',')) {
      const m = /^(\*|\?|([^-/]+)(?:-([^-/]+))?)(?:\/([0-9]+))?$/.exec(part);
      const bounds = m ? (m[1] === '*' || m[1] === '?' ? [min, max] : [value(m[2]), m[3] === undefined ? value(m[2]) : value(m[3])]) : [];
      const step = m?.[4] === undefined ? 1 : Number(m[4]);
      if (!m || bounds.some((b) => !(b >= min && b <= max)) || bounds[0] > bounds[1] || step < 1) {
        return `${what} "${part}" is not valid (${min}-${max}${names.length ? ` or ${names[0]}-${names[names.length - 1]}` : ''}, *, ranges a-b, steps /n, lists a,b)`;
      }
    }
  }
  return undefined;
}

/**
 * A non-negative Kubernetes quantity (apimachinery resource.Quantity): a number (`20`, `1.5`, `.5`, `2.`, an optional
 * `+`) with a binary suffix (Ki .. Ei), a decimal suffix (m, k, M .. E) or a decimal exponent (`1e3`, `5E-1`).
 */
export const QUANTITY_PATTERN = '^\\+?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+))?$';
