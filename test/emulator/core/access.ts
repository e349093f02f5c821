export type InputMatcher = ((input: unknown) => boolean) | Record<string, unknown>;

export interface DenyRule {
  /** API operation (`ListApps`) or IAM action (`sagemaker:ListApps`); absent = every operation. */
  operation?: string;
  service?: string;
  region?: string;
  accessKeyId?: string;
  accountId?: string;
  /** A predicate over the parsed input, or a plain-object subset it must contain. */
  match?: InputMatcher;
}

export interface AccessCall {
  service: string;
  /** IAM prefix of the action: `sagemaker`, `logs`, `s3`, `pricing`, `sts`. */
  iamPrefix: string;
  operation: string;
  /** IAM action name when it differs from the operation (S3: ListObjectsV2 -> ListBucket). */
  iamAction: string;
  region: string;
  accessKeyId: string;
  accountId: string;
  input: unknown;
}

/** True when every member of `pattern` is present in `value` with an equal value (deeply). */
export function containsSubset(value: unknown, pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object') return value === pattern;
  if (Array.isArray(pattern)) {
    return Array.isArray(value) && value.length === pattern.length && pattern.every((p, i) => containsSubset(value[i], p));
  }
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(pattern).every(([k, v]) => containsSubset((value as Record<string, unknown>)[k], v));
}

function operationMatches(rule: DenyRule, call: AccessCall): boolean {
  if (rule.operation === undefined || rule.operation === '*') return true;
  const [prefix, name] = rule.operation.includes(':') ? rule.operation.split(':', 2) : [undefined, rule.operation];
  if (prefix !== undefined && prefix !== call.iamPrefix) return false;
  return name === '*' || name === call.operation || name === call.iamAction;
}

/** Deny rules and disabled (opt-in, not enabled) regions. */
export class AccessRules {
  private rules: DenyRule[] = [];
  private disabled = new Set<string>();

  deny(rule: DenyRule): void {
    this.rules.push(rule);
  }

  disableRegion(region: string): void {
    this.disabled.add(region);
  }

  isRegionDisabled(region: string): boolean {
    return this.disabled.has(region);
  }

  clear(): void {
    this.rules = [];
    this.disabled.clear();
  }

  list(): { rules: DenyRule[]; disabledRegions: string[] } {
    return { rules: [...this.rules], disabledRegions: [...this.disabled] };
  }

  isDenied(call: AccessCall): boolean {
    return this.rules.some(
      (rule) =>
        operationMatches(rule, call) &&
        (rule.service === undefined || rule.service === call.service || rule.service === call.iamPrefix) &&
        (rule.region === undefined || rule.region === call.region) &&
        (rule.accessKeyId === undefined || rule.accessKeyId === call.accessKeyId) &&
        (rule.accountId === undefined || rule.accountId === call.accountId) &&
        (rule.match === undefined ||
          (typeof rule.match === 'function' ? rule.match(call.input) : containsSubset(call.input, rule.match))),
    );
  }
}
