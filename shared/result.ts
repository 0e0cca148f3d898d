/** Errors as values: every fallible core operation returns one of these instead of throwing. */

/** What went wrong, as a stable kind plus a sentence a person can act on. */
export type FailureKind =
  | 'not-found'
  | 'bad-request'
  | 'outside-library'
  | 'has-errors'
  | 'not-editable'
  | 'conflict'
  /** The library folder is no longer where it was opened (see `Library.folderGone`). */
  | 'gone'
  /** The library was closed: nothing in it is changed any more (see `Library.close`). */
  | 'closed'
  | 'io';

/** A failure with its kind and message. */
export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
}

/** Either a value or a failure. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Failure };

/** Wraps a value as a success. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failure result. */
export function fail<T = never>(kind: FailureKind, message: string): Result<T> {
  return { ok: false, error: { kind, message } };
}
