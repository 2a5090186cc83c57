/** A refusal a use case raises on purpose; its message is safe to show to the user. */
export class UserFacingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}
