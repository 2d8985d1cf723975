// The *Undo* notice after a delete: every delete in the window offers to bring the record back
// (core keeps deleted rows; `api.restoreDeleted`). One offer at a time; a newer delete replaces
// it. The *Deleted items* view of a case lists every deleted record for later.
import { api, messageOf, type DeletedKind } from './api';

export type UndoOffer = { kind: DeletedKind; id: number; label: string; caseId: number };

type Listener = () => void;

class Undo {
  /** The delete that can be undone now, or null. */
  offer = $state<UndoOffer | null>(null);
  /** What the last undo said (brought back, or why not). */
  message = $state('');
  #after: Listener[] = [];

  /** Offers to undo a delete that just happened; `label` says what went ("Transfer T-3"). */
  offered(offer: UndoOffer) {
    this.offer = offer;
    this.message = '';
  }

  /** Brings the offered record back; listeners (panels) reload. */
  async run(): Promise<boolean> {
    const o = this.offer;
    if (!o) return false;
    try {
      await api.restoreDeleted(o.kind, o.id);
      this.offer = null;
      this.message = `${o.label} is back.`;
      for (const l of this.#after) l();
      return true;
    } catch (e) {
      this.message = messageOf(e);
      return false;
    }
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
