// The *Undo* notice after a delete: every delete in the window offers to bring the record back
// (core keeps deleted rows; `api.restoreDeleted`). One offer at a time; a newer delete replaces
// it. An offer may hold several records deleted at once (evidence ticked together): *Undo*
// brings back each. The *Deleted items* view of a case lists every deleted record for later.
import { api, messageOf, type DeletedKind } from './api';

/** One deleted record. */
export type DeletedRef = { kind: DeletedKind; id: number };

export type UndoOffer = DeletedRef & {
  /** What went, in words: "Transfer T-3", "Anna and 2 identifiers", "3 evidence items". */
  label: string;
  caseId: number;
  /** Other records deleted in the same action, brought back with the first. */
  others?: DeletedRef[];
  /** The label names several things ("… were deleted"); implied when `others` is not empty. */
  plural?: boolean;
};

type Listener = () => void;

/** Every record of an offer, the first one first. */
export function refsOf(offer: UndoOffer): DeletedRef[] {
  return [{ kind: offer.kind, id: offer.id }, ...(offer.others ?? [])];
}

const same = (a: DeletedRef, b: DeletedRef) => a.kind === b.kind && a.id === b.id;
const severalIn = (o: UndoOffer) => o.plural === true || (o.others?.length ?? 0) > 0;

class Undo {
  /** The delete that can be undone now, or null. */
  offer = $state<UndoOffer | null>(null);
  /** What the last undo said (brought back, or why not). */
  message = $state('');
  #after: Listener[] = [];

  /** Whether the offer's label names several things (for "was" / "were"). */
  get plural(): boolean {
    return !!this.offer && severalIn(this.offer);
  }

  /** Offers to undo a delete that just happened; `label` says what went ("Transfer T-3"). */
  offered(offer: UndoOffer) {
    this.offer = offer;
    this.message = '';
  }

  /**
   * Brings the offered records back; listeners (panels) reload when any came back. Records that
   * could not come back stay offered, with core's reason shown.
   */
  async run(): Promise<boolean> {
    const o = this.offer;
    if (!o) return false;
    const refs = refsOf(o);
    const left: DeletedRef[] = [];
    const reasons: string[] = [];
    for (const ref of refs) {
      try {
        await api.restoreDeleted(ref.kind, ref.id);
      } catch (e) {
        left.push(ref);
        reasons.push(messageOf(e));
      }
    }
    const back = refs.length - left.length;
    if (left.length === 0) {
      this.offer = null;
      this.message = `${o.label} ${severalIn(o) ? 'are' : 'is'} back.`;
    } else {
      const [first, ...others] = left;
      this.offer = { ...o, ...first, others, plural: severalIn(o) };
      this.message = [back > 0 ? `${back} of ${refs.length} brought back.` : '', ...reasons].filter(Boolean).join(' ');
    }
    if (back > 0) for (const l of this.#after) l();
    return left.length === 0;
  }

  /** A record was brought back another way (the *Deleted items* view): it leaves the offer. */
  forget(ref: DeletedRef) {
    const o = this.offer;
    if (!o) return;
    const left = refsOf(o).filter((r) => !same(r, ref));
    if (left.length === refsOf(o).length) return;
    if (left.length === 0) {
      this.dismiss();
      return;
    }
    const [first, ...others] = left;
    this.offer = { ...o, ...first, others, plural: severalIn(o) };
  }

  /** Tells the panels that something came back (the *Deleted items* view brought it back). */
  restored() {
    for (const l of this.#after) l();
  }

  dismiss() {
    this.offer = null;
    this.message = '';
  }

  /** Calls `listener` after anything was brought back; returns the unsubscribe. */
  onRestored(listener: Listener): () => void {
    this.#after.push(listener);
    return () => {
      this.#after = this.#after.filter((l) => l !== listener);
    };
  }
}

/** The window's one undo offer. */
export const undo = new Undo();
