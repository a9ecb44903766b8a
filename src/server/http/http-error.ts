/** An error with the HTTP status it answers with (rendered by http/errors.ts). @module */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "HttpError";
  }
}
