/** Channel-neutral shapes that every adapter translates to and from. */

export type ChannelName = 'web' | 'console' | 'telegram' | 'feishu' | 'cli' | 'test';

export interface IncomingMessage {
  channel: ChannelName;
  /** Stable id of the person within the channel. */
  userId: string;
  /** Where replies go (group or private chat); defaults to userId. */
  chatId?: string;
  text?: string;
  /** Payload of a pressed button (opaque, server-side state key). */
  action?: string;
  displayName?: string;
  /** Platform delivery id (Telegram update_id, Feishu event_id) used to drop redeliveries. */
  dedupKey?: string;
  /** Values of a submitted whole form (Reply.form), keyed by field key; multi-choices as arrays. */
  formValues?: Record<string, string | string[]>;
  /** The channel can draw a whole form at once (Reply.form, e.g. a Feishu card); others get the step-by-step flow. */
  canShowForms?: boolean;
  /** A file the user sent (a document to add to the knowledge base); fetched only if a skill wants it. */
  file?: IncomingFile;
}

/** A file received by a channel: its name and size as the platform reports them, the bytes on demand. */
export interface IncomingFile {
  fileName: string;
  mimeType?: string;
  /** Bytes, when the platform says (checked before downloading). */
  size?: number;
  /** The bytes; stops with FileTooLargeError (core/file-download.ts) past `maxBytes` when the size was not known before. */
  download(maxBytes?: number): Promise<Buffer>;
}

export interface Citation {
  /** File name of the source document under knowledge/docs. */
  doc: string;
  title: string;
  /** 文号, e.g. 法农农发〔2022〕16号, when the document has one. */
  docNumber?: string;
  /** Section path, e.g. 《…实施方案》 › 四、扶持政策 › （三）实行差异化作业补助 */
  section: string;
  quote: string;
}

export interface Button {
  label: string;
  /** Short opaque payload (fits Telegram's 64-byte callback_data). */
  action: string;
}

/** One input of a whole form. */
export interface FormPromptField {
  key: string;
  label: string;
  /** Unit of a number field, shown next to the label (亩, 吨). */
  unit?: string;
  required: boolean;
  /** Fixed choices (a select); absent for free text. */
  choices?: string[];
  multiple?: boolean;
  placeholder: string;
  /** Prefilled value; several choices joined by 、. */
  initial?: string;
}

/**
 * A whole form shown at once, for channels that can draw one (IncomingMessage.canShowForms). The reply's
 * text is the form's note; its buttons sit under it.
 * - fill: inputs and `submit`; the press comes back as an action with IncomingMessage.formValues.
 * - confirm: only the text and the buttons (e.g. 「仍然提交」「返回修改」).
 * - done: replaces the form whose button was pressed, so it cannot be submitted twice.
 */
export interface FormPrompt {
  title: string;
  stage: 'fill' | 'confirm' | 'done';
  fields?: FormPromptField[];
  submit?: Button;
}

export interface Attachment {
  fileName: string;
  mimeType: string;
  content: Buffer;
}

export interface Reply {
  text: string;
  citations?: Citation[];
  buttons?: Button[];
  attachment?: Attachment;
  /** A whole form to draw (only sent to channels with canShowForms). */
  form?: FormPrompt;
  /** Set on the reply of the question-answering path: whether the documents answered. */
  answerStatus?: Answer['status'];
}

export type Role = 'farmer' | 'reporter' | 'admin';

export interface UserProfile {
  /** `${channel}:${userId}` */
  userKey: string;
  role: Role;
  /** County or township the user is bound to (reporter/admin). */
  unit?: string;
  displayName?: string;
}

/** What the user is in the middle of (a form, an eligibility check); persisted between turns. */
export interface Activity {
  /** Name of the skill that owns the activity. */
  skill: string;
  state: unknown;
}

export interface Session {
  userKey: string;
  activity: Activity | null;
  updatedAt: string;
}

export interface Answer {
  status: 'answered' | 'no_answer';
  answer: string;
  citations: Citation[];
}
