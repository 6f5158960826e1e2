import { useEffect } from 'react';
import type { RuntimeItem } from '@eventflow/shared';
import { useAppStore } from '../app/use-app-store';
import { api } from '../transport/api';

// Short names keep the run toolbar on one line at 1280 px; the full name and address are in the title.
const SHORT: Record<RuntimeItem['id'], string> = {
  simulator: 'Simulator',
  nats: 'NATS',
  redis: 'Redis',
  rabbitmq: 'RabbitMQ',
  mqtt: 'MQTT',
};

const describe = (r: RuntimeItem) =>
  r.id === 'simulator'
    ? 'Simulator: deterministic, seeded, in simulated time'
    : [`${r.label} at ${r.address ?? ''}: the flow runs on the real broker, in wall time.`, ...r.limits].join(
        '\n',
      );

/**
 * Where Play runs the flow: the simulator, or a broker the server was configured with (`EVENTFLOW_BROKERS`).
 * Shown only when the server offers a broker; what the picked broker cannot do is in its title.
 */
export function RuntimePicker({ disabled }: { disabled: boolean }) {
  const runtime = useAppStore((s) => s.runtime);
  const runtimes = useAppStore((s) => s.runtimes);
  const setRuntime = useAppStore((s) => s.setRuntime);
  const setRuntimes = useAppStore((s) => s.setRuntimes);
  useEffect(() => {
    let live = true;
    api
      .listRuntimes()
      .then((list) => live && setRuntimes(list))
      // An older server has no runtimes route: the simulator is then all there is.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [setRuntimes]);
  if (runtimes.length < 2) return null;
  const picked = runtimes.find((r) => r.id === runtime) ?? runtimes[0]!;
  return (
    <label className="ef-run__field ef-run__runtime" title={describe(picked)}>
      <select
        aria-label="Runtime"
        value={runtime}
        disabled={disabled}
        onChange={(e) => setRuntime(e.target.value as RuntimeItem['id'])}
      >
        {runtimes.map((r) => (
          <option key={r.id} value={r.id} title={r.label}>
            {SHORT[r.id]}
          </option>
        ))}
      </select>
    </label>
  );
}
