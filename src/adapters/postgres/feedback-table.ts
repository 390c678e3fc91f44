/**
 * The feedback table, one row per thumbs up/down, created by ensureSchema with the index tables:
 *   id           arrival order (bigserial), what an export pages by;
 *   received_at  when the server took the post (the record's receivedAt);
 *   rating       up | down;
 *   answerer, index_hash   which engine answered (the record's engine receipt; null when absent);
 *   record       the record itself as JSON text, exactly as the file store writes its line.
 * `json`, not `jsonb`: jsonb refuses strings JSON allows (U+0000, a lone surrogate escape), so a
 * comment holding one could never be stored; json keeps the text as sent and still answers
 * `record->>'comment'`. The other columns are copies for operators' queries, never read back.
 */
export function feedbackTableStatements(schema: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${schema}.feedback (
       id bigserial PRIMARY KEY,
       received_at timestamptz NOT NULL,
       rating text NOT NULL CHECK (rating IN ('up', 'down')),
       answerer text,
       index_hash text,
       record json NOT NULL
     )`,
    `CREATE INDEX IF NOT EXISTS feedback_received_at ON ${schema}.feedback (received_at)`,
  ];
}
