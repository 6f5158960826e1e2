import { Upload } from 'lucide-react';
import { useState } from 'react';
import { useSession } from '../../app/use-session';
import { Modal } from '../../app/Modal';

/** Import from a file or from pasted JSON. The current flow is replaced only if the import is valid. */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const actions = useSession();
  const [text, setText] = useState('');
  return (
    <Modal
      title="Import a flow"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="ef-btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="ef-btn ef-btn--primary"
            disabled={!text.trim()}
            onClick={() => void actions.importText(text, 'pasted JSON')}
          >
            Import pasted JSON
          </button>
        </>
      }
    >
      <label className="ef-dropzone">
        <Upload size={20} aria-hidden />
        <span>
          Choose a .flow.json file, an AsyncAPI 2.6 or 3 document, or a recorded trace (.ndjson) of the flow
          on screen (or drop one on the canvas)
        </span>
        <input
          type="file"
          accept=".json,application/json,.yaml,.yml,.ndjson,application/x-ndjson"
          aria-label="Choose flow file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void file.text().then((t) => actions.importText(t, file.name));
          }}
        />
      </label>
      <div className="ef-field">
        <label className="ef-field__label" htmlFor="import-json">
          …or paste flow JSON
        </label>
        <textarea
          id="import-json"
          className="ef-input ef-mono"
          rows={8}
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          placeholder='{ "format": "eventflow.flow", "version": 1, … }'
        />
      </div>
    </Modal>
  );
}
