/** Server-made ids: time-ordered (sortable like pacer's run ids) and unguessable. @module */
import { randomBytes } from "node:crypto";

/** `<ms in base36, 9 chars><16 random hex>`: sorts by creation time, 64 random bits. */
export function newId(): string {
  return Date.now().toString(36).padStart(9, "0") + randomBytes(8).toString("hex");
}
