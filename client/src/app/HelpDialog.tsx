import { Modal } from './Modal';

export const SHORTCUTS: [string, string][] = [
  ['Ctrl+Z', 'Undo'],
  ['Ctrl+Shift+Z / Ctrl+Y', 'Redo'],
  ['Ctrl+C / Ctrl+V', 'Copy / paste the selection (as flow JSON, works between tabs)'],
  ['Ctrl+D', 'Duplicate the selection'],
  ['Ctrl+A', 'Select everything'],
  ['Delete / Backspace', 'Delete the selection'],
  ['Shift+drag', 'Box-select'],
  ['Shift+click', 'Add to / remove from the selection'],
  ['Ctrl+S', 'Save to the library'],
  ['Ctrl+O', 'Open from the library'],
  ['L', 'Auto-layout left to right'],
  ['Shift+L', 'Show or hide the lessons'],
  ['F', 'Zoom to fit: the whole flow'],
  ['G', 'Toggle snap to grid'],
  ['Space', 'Play / pause the run'],
  ['.', 'Step: show the next hop'],
  [',', 'Step back through the recorded hops'],
  ['Escape', 'Clear the selection / close a dialog'],
  ['?', 'Show this help'],
];

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose}>
      <table className="ef-shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <td>
                {keys.split(' / ').map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' / '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
