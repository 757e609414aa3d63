/**
 * Field errors rendered like the API server's (kubernetes/apimachinery `pkg/util/validation/field/errors.go`):
 * `<path>: <Type>: <value>: <detail>`. Validators return these values; rules turn them into findings and add the fix.
 */

import { shortValue } from '../../model/display';
/** The API server's error types (`field.ErrorType` strings). */
export type FieldErrorType = 'Required value' | 'Invalid value' | 'Unsupported value' | 'Duplicate value' | 'Forbidden' | 'Too many' | 'Too long' | 'Not found';

/** One field error and how to fix it. */
export interface FieldError {
  readonly path: string;
  readonly type: FieldErrorType;
  /** The offending value (omitted for Required/Forbidden, like the API server). */
  readonly value?: unknown;
  readonly detail: string;
  /** What the user should do, one short clause. */
  readonly fix: string;
  /** True when only an API server with StrictIPCIDRValidation (beta, on by default in v1.36) rejects it. */
  readonly strictIp?: boolean;
  /**
   * Set when the API server accepts the object but rejects every object made from it: `pods`, the pods of a workload
   * (its template is not defaulted since v1.28, the pods are; older servers reject the workload), or `jobs`, the Jobs
   * a CronJob creates.
   */
  readonly created?: 'pods' | 'jobs';
}

const NO_VALUE: ReadonlySet<FieldErrorType> = new Set<FieldErrorType>(['Required value', 'Forbidden', 'Too long']);

/**
 * JSON-ish rendering of a value, cut to 80 characters so huge inputs stay readable; cut while it is rendered, so an
 * alias bomb or a huge list is never serialized whole (`shortValue`).
 */
export function showValue(v: unknown): string {
  return shortValue(v, 80);
}

/** `<path>: <Type>: <value>: <detail>` as the API server prints it. */
export function renderFieldError(e: FieldError): string {
  const value = NO_VALUE.has(e.type) || e.value === undefined ? '' : `${showValue(e.value)}: `;
  return `${e.path}: ${e.type}: ${value}${e.detail}`;
}

/** Collects field errors. */
export class FieldErrors {
  public readonly list: FieldError[] = [];

  public add(path: string, type: FieldErrorType, value: unknown, detail: string, fix: string): void {
    this.list.push({ path, type, value, detail, fix });
  }

  /** Adds one error per detail string returned by an `is*` validator. */
  public each(path: string, value: unknown, details: string[], fix: string): void {
    for (const d of details) this.add(path, 'Invalid value', value, d, fix);
  }

  /** Like `each`, for errors that only StrictIPCIDRValidation raises (`strictIpErrors`). */
  public eachStrictIp(path: string, value: unknown, details: string[], fix: string): void {
    for (const d of details) this.addStrictIp(path, value, d, fix);
  }

  /** An error of the objects made from the object, not of the object itself (`FieldError.created`). */
  public addCreated(created: 'pods' | 'jobs', path: string, type: FieldErrorType, value: unknown, detail: string, fix: string): void {
    this.list.push({ path, type, value, detail, fix, created });
  }

  /** One `Invalid value` error that only StrictIPCIDRValidation raises. */
  public addStrictIp(path: string, value: unknown, detail: string, fix: string): void {
    this.list.push({ path, type: 'Invalid value', value, detail, fix, strictIp: true });
  }
}
