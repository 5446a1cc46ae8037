import { v7 as uuidv7 } from 'uuid';

/** Time-ordered UUIDs (v7): rows sort by creation, which keeps cursor pagination and index locality simple. */
export function newId(): string {
  return uuidv7();
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}
