import type { TopicView } from '@eventflow/shared';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Each subscribing group: per partition the offset it reads next and how far it trails the log end. */
export function GroupTable({ view }: { view: TopicView }) {
  if (view.groups.length === 0)
    return (
      <p className="ef-console__note">
        No consumer reads this topic yet: connect one and its group’s offsets and lag appear here.
      </p>
    );
  return (
    <div className="ef-console__groups">
      <table aria-label="Consumer groups">
        <thead>
          <tr>
            <th scope="col">Group</th>
            {view.partitions.map((p) => (
              <th key={p.partition} scope="col" title={`Partition ${p.partition}: next offset ${p.next}`}>
                P{p.partition}
              </th>
            ))}
            <th scope="col">Lag</th>
          </tr>
        </thead>
        <tbody>
          {view.groups.map((g) => {
            const lag = sum(g.lag);
            return (
              <tr key={g.group} aria-label={`${g.group}: lag ${lag}`}>
                <th scope="row" title={`read by ${g.consumerNodeId}`}>
                  {g.group}
                </th>
                {g.committed.map((offset, p) => (
                  <td key={p} title={`Partition ${p}: reads offset ${offset} next, ${g.lag[p] ?? 0} behind`}>
                    <span className="ef-console__offset">{offset.toLocaleString()}</span>
                    <span className={`ef-console__lag${(g.lag[p] ?? 0) > 0 ? ' is-behind' : ''}`}>
                      lag {(g.lag[p] ?? 0).toLocaleString()}
                    </span>
                  </td>
                ))}
                <td className={`ef-console__total${lag > 0 ? ' is-behind' : ''}`}>{lag.toLocaleString()}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
