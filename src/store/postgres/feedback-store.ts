import { randomBytes } from 'node:crypto';
import { voterHash } from '../../feedback/feedback-store.ts';
import type { FeedbackStore, QuestionEntry, UnansweredEntry, Vote } from '../../feedback/types.ts';
import { inTransaction, type PostgresPool } from './pool.ts';

interface QuestionRow {
  id: string;
  asked_at: Date;
  channel: string;
  unit: string | null;
  question: string;
  status: QuestionEntry['status'];
  sources: string[];
}

const toEntry = (row: QuestionRow): QuestionEntry => ({
  question: row.question,
  status: row.status,
  channel: row.channel,
  ...(row.unit ? { unit: row.unit } : {}),
  askedAt: row.asked_at,
  sources: row.sources,
});

const pick = (row: { question: string; channel: string; unit: string | null; sources: string[] }) => ({
  question: row.question,
  channel: row.channel,
  ...(row.unit ? { unit: row.unit } : {}),
  sources: row.sources,
});

/** Questions and 有用/没用 votes of every instance in PostgreSQL; the same rules as the SQLite store. */
export function createPostgresFeedbackStore(pool: PostgresPool): FeedbackStore {
  return {
    async logQuestion(entry) {
      const id = randomBytes(9).toString('base64url');
      await pool.query('INSERT INTO asked_questions (id, asked_at, channel, unit, question, status, sources) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        id,
        entry.askedAt.toISOString(),
        entry.channel,
        entry.unit ?? null,
        entry.question,
        entry.status,
        JSON.stringify(entry.sources),
      ]);
      return id;
    },
    // The question row is locked, so one person's two quick presses on two instances count once.
    vote: (entry) =>
      inTransaction(pool, async (client) => {
        const question = (await client.query<QuestionRow>('SELECT * FROM asked_questions WHERE id = $1 FOR UPDATE', [entry.questionId])).rows[0];
        if (!question) return { kind: 'unknown' as const };
        const voter = voterHash(entry.voter);
        const before = (await client.query<{ vote: Vote }>('SELECT vote FROM answer_votes WHERE question_id = $1 AND voter = $2', [entry.questionId, voter])).rows[0]?.vote;
        if (before !== entry.vote) {
          await client.query(
            `INSERT INTO answer_votes (question_id, voter, vote, channel, unit, voted_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (question_id, voter) DO UPDATE SET vote = excluded.vote, channel = excluded.channel, unit = excluded.unit, voted_at = excluded.voted_at`,
            [entry.questionId, voter, entry.vote, entry.channel, entry.unit ?? null, entry.at.toISOString()],
          );
        }
        const kind = before === undefined ? ('recorded' as const) : before === entry.vote ? ('same' as const) : ('changed' as const);
        return { kind, question: toEntry(question) };
      }),
    async purgeBefore(cutoff) {
      // Votes go with their question (ON DELETE CASCADE).
      return (await pool.query('DELETE FROM asked_questions WHERE asked_at < $1', [cutoff.toISOString()])).rowCount ?? 0;
    },
    async unanswered(since) {
      const from = since.toISOString();
      const declined = await pool.query<QuestionRow>("SELECT * FROM asked_questions WHERE status = 'no_answer' AND asked_at >= $1 ORDER BY asked_at", [from]);
      const votedDown = await pool.query<QuestionRow & { vote_channel: string; vote_unit: string | null; voted_at: Date }>(
        `SELECT q.*, v.channel AS vote_channel, v.unit AS vote_unit, v.voted_at FROM answer_votes v JOIN asked_questions q ON q.id = v.question_id
         WHERE v.vote = 'down' AND v.voted_at >= $1 ORDER BY v.voted_at`,
        [from],
      );
      const entries: UnansweredEntry[] = [
        ...declined.rows.map((row) => ({ ...pick(row), reason: 'declined' as const, at: row.asked_at })),
        ...votedDown.rows.map((row) => ({ ...pick({ ...row, channel: row.vote_channel, unit: row.vote_unit }), reason: 'voted_down' as const, at: row.voted_at })),
      ];
      return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
}
