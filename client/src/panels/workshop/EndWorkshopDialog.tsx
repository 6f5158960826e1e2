import { Modal } from '../../app/Modal';
import { useAppStore } from '../../app/use-app-store';
import { useSession } from '../../app/use-session';

/** Asked before the presenter ends the workshop: every attendee is told, and the code stops working. */
export function EndWorkshopDialog({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const count = useAppStore((s) => s.room?.attendees.length ?? 0);
  return (
    <Modal
      title="End the workshop?"
      onClose={onClose}
      tone="danger"
      footer={
        <>
          <button type="button" className="ef-btn" onClick={onClose} data-autofocus>
            Keep it going
          </button>
          <button
            type="button"
            className="ef-btn ef-btn--danger"
            onClick={() => {
              onClose();
              void session.endWorkshop();
            }}
          >
            End workshop
          </button>
        </>
      }
    >
      <p>
        {count === 1 ? 'The attendee sees' : `All ${count} attendees see`} “The workshop has ended”, and the
        join code stops working. Their forks stay in their browsers; your flow and run stay here.
      </p>
    </Modal>
  );
}
