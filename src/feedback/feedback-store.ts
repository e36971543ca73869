import { createHash, randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '../store/database.ts';
import type { FeedbackStore, QuestionEntry, UnansweredEntry, Vote } from './types.ts';

interface QuestionRow {
  id: string;
  asked_at: string;
  channel: string;
  unit: string | null;
  question: string;
  status: QuestionEntry['status'];
  sources: string;
}

const toEntry = (row: QuestionRow): QuestionEntry => ({
  question: row.question,
  status: row.status,
  channel: row.channel,
  ...(row.unit ? { unit: row.unit } : {}),
  askedAt: new Date(row.asked_at),
  sources: JSON.parse(row.sources) as string[],
});

/** Voters are kept as a hash: enough to count one vote per person, not to name them. */
export const voterHash = (userKey: string) => createHash('sha256').update(userKey).digest('hex');

export function createSqliteFeedbackStore(db: SqliteDatabase): FeedbackStore {
  const insertQuestion = db.prepare('INSERT INTO asked_questions (id, asked_at, channel, unit, question, status, sources) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const questionById = db.prepare<[string], QuestionRow>('SELECT * FROM asked_questions WHERE id = ?');
  const voteOf = db.prepare<[string, string], { vote: Vote }>('SELECT vote FROM answer_votes WHERE question_id = ? AND voter = ?');
  const upsertVote = db.prepare(
    `INSERT INTO answer_votes (question_id, voter, vote, channel, unit, voted_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (question_id, voter) DO UPDATE SET vote = excluded.vote, channel = excluded.channel, unit = excluded.unit, voted_at = excluded.voted_at`,
  );
  const declined = db.prepare<[string], QuestionRow>("SELECT * FROM asked_questions WHERE status = 'no_answer' AND asked_at >= ? ORDER BY asked_at");
  const votedDown = db.prepare<[string], QuestionRow & { vote_channel: string; vote_unit: string | null; voted_at: string }>(
    `SELECT q.*, v.channel AS vote_channel, v.unit AS vote_unit, v.voted_at FROM answer_votes v JOIN asked_questions q ON q.id = v.question_id
     WHERE v.vote = 'down' AND v.voted_at >= ? ORDER BY v.voted_at`,
  );

  const deleteVotesBefore = db.prepare('DELETE FROM answer_votes WHERE question_id IN (SELECT id FROM asked_questions WHERE asked_at < ?)');
  const deleteQuestionsBefore = db.prepare('DELETE FROM asked_questions WHERE asked_at < ?');
  const purge = db.transaction((cutoff: string) => {
    deleteVotesBefore.run(cutoff);
    return deleteQuestionsBefore.run(cutoff).changes;
  });

  const castVote = db.transaction((questionId: string, voter: string, vote: Vote, channel: string, unit: string | null, at: string) => {
    const row = questionById.get(questionId);
    if (!row) return { kind: 'unknown' as const };
    const before = voteOf.get(questionId, voter)?.vote;
    if (before !== vote) upsertVote.run(questionId, voter, vote, channel, unit, at);
    return { kind: before === undefined ? ('recorded' as const) : before === vote ? ('same' as const) : ('changed' as const), question: toEntry(row) };
  });

  return {
    async logQuestion(entry) {
      const id = randomBytes(9).toString('base64url');
      insertQuestion.run(id, entry.askedAt.toISOString(), entry.channel, entry.unit ?? null, entry.question, entry.status, JSON.stringify(entry.sources));
      return id;
    },
    async vote(entry) {
      return castVote(entry.questionId, voterHash(entry.voter), entry.vote, entry.channel, entry.unit ?? null, entry.at.toISOString());
    },
    async purgeBefore(cutoff) {
      return purge(cutoff.toISOString());
    },
    async unanswered(since) {
      const from = since.toISOString();
      const entries: UnansweredEntry[] = [
        ...declined.all(from).map((row) => ({ ...pick(row), reason: 'declined' as const, at: new Date(row.asked_at) })),
        ...votedDown.all(from).map((row) => ({
          ...pick({ ...row, channel: row.vote_channel, unit: row.vote_unit }),
          reason: 'voted_down' as const,
          at: new Date(row.voted_at),
        })),
      ];
      return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
}

function pick(row: QuestionRow): Omit<UnansweredEntry, 'reason' | 'at'> {
  return { question: row.question, channel: row.channel, ...(row.unit ? { unit: row.unit } : {}), sources: JSON.parse(row.sources) as string[] };
}
