// The headers of a patch mail that a reply needs to thread under it and reach the same people:
// the full subject, who sent it to whom, its Message-Id and the References chain above it.
import type PostalMime from 'postal-mime';

export interface Mailbox {
  name: string;
  address: string;
}

export interface MailHeaders {
  /** The decoded Subject as sent, "[PATCH v2 3/7] ..." prefix included. */
  subject: string;
  from?: Mailbox;
  to: Mailbox[];
  cc: Mailbox[];
  /** The Date header as written (a reply's attribution line quotes it). */
  date?: string;
  messageId?: string;
  /** Message-Ids of the thread above this mail, oldest first (References, else In-Reply-To). */
  references: string[];
}

/** Group members flattened; entries without an address dropped. */
function mailboxes(list: PostalMime.Address[] | undefined): Mailbox[] {
  return (list ?? [])
    .flatMap((a) => (a.group ? a.group : [a]))
    .filter((m) => m.address !== '')
    .map((m) => ({ name: m.name, address: m.address }));
}

function messageIds(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

export function mailHeadersOf(email: PostalMime.Email): MailHeaders {
  const raw = (key: string) => email.headers.find((h) => h.key === key)?.value;
  const from = mailboxes(email.from ? [email.from] : undefined)[0];
  const references = messageIds(raw('references'));
  return {
    subject: email.subject ?? '',
    ...(from ? { from } : {}),
    to: mailboxes(email.to),
    cc: mailboxes(email.cc),
    ...(raw('date') ? { date: raw('date') } : {}),
    ...(messageIds(email.messageId)[0] ? { messageId: messageIds(email.messageId)[0] } : {}),
    references: references.length > 0 ? references : messageIds(raw('in-reply-to')),
  };
}
