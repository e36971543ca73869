import { createHash, randomBytes } from 'node:crypto';
import type { SqliteDatabase } from '../database/database.ts';
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

/** Opaque question ids (12 base64url characters), cut from one random draw of many: a draw per id cost more than the insert. */
function questionIds(): () => string {
  let pool = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + 9 > pool.length) {
      pool = randomBytes(9 * 256);
      at = 0;
    }
    at += 9;
    return pool.subarray(at - 9, at).toString('base64url');
  };
}

export interface SqliteFeedbackOptions {
  /**
   * Questions are written together, in one transaction, at most this many ms after they were asked (0, the default: each
   * at once). Reads (votes, the gap report, expiry) and flush() write what is queued first; a kill -9 may lose the
   * questions of the last few ms, a clean shutdown (flush) none.
   */
  batchMs?: number;
  /** Where a failed delayed write is reported; default standard error. */
  onError?: (error: unknown) => void;
}

export function createSqliteFeedbackStore(db: SqliteDatabase, options: SqliteFeedbackOptions = {}): FeedbackStore & { flush(): Promise<void> } {
  const insertQuestion = db.prepare('INSERT INTO asked_questions (id, asked_at, channel, unit, question, status, sources) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertQuestions = db.transaction((rows: unknown[][]) => {
    for (const row of rows) insertQuestion.run(...row);
  });
  const batchMs = options.batchMs ?? 0;
  const nextId = questionIds();
  const queued: unknown[][] = [];
  let timer: NodeJS.Timeout | undefined;
  function writeQueued(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!queued.length) return;
    insertQuestions(queued.splice(0));
  }
  function writeLater(): void {
    try {
      writeQueued();
    } catch (error) {
      (options.onError ?? ((failure) => console.error('[feedback] 提问记录写入失败', failure)))(error);
    }
  }
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
      const id = nextId();
      const row = [id, entry.askedAt.toISOString(), entry.channel, entry.unit ?? null, entry.question, entry.status, JSON.stringify(entry.sources)];
      if (batchMs <= 0) insertQuestion.run(...row);
      else {
        queued.push(row);
        timer ??= setTimeout(writeLater, batchMs);
      }
      return id;
    },
    async flush() {
      writeQueued();
    },
    async vote(entry) {
      writeQueued();
      return castVote(entry.questionId, voterHash(entry.voter), entry.vote, entry.channel, entry.unit ?? null, entry.at.toISOString());
    },
    async purgeBefore(cutoff) {
      writeQueued();
      return purge(cutoff.toISOString());
    },
    async unanswered(since) {
      writeQueued();
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
