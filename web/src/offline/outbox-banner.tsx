import { useOutbox } from './use-outbox.ts';

/**
 * 待发送: what was written on this phone and has not reached the server yet, in order, with why the server refused
 * one if it did. Shown on the pages an inspector uses at the mine; it disappears when nothing waits.
 */
export function OutboxBanner() {
  const { entries, online, sendNow, discard } = useOutbox();
  if (entries.length === 0 && online) return null;
  const waiting = entries.filter((e) => !e.refused);
  const refused = entries.filter((e) => e.refused);
  return (
    <section class="panel outbox" data-testid="outbox" aria-live="polite">
      <h2>
        {online ? '' : '当前无网络 · '}待发送 {waiting.length} 条
        {refused.length ? ` · 被退回 ${refused.length} 条` : ''}
      </h2>
      {!online ? <p class="muted">记录已保存在本机，恢复网络后自动发送，每条只发送一次。</p> : null}
      {entries.length ? (
        <ol class="outbox-list">
          {entries.map((e) => (
            <li key={e.id} data-testid="outbox-entry">
              {e.label}
              {e.refused ? (
                <>
                  <div class="error-text">服务器退回：{e.refused}</div>
                  <button type="button" class="btn btn-quiet" onClick={() => void discard(e.id)}>
                    放弃这一条
                  </button>
                </>
              ) : (
                <span class="muted"> 等待发送{e.attempts ? `（已尝试 ${e.attempts} 次）` : ''}</span>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {waiting.length && online ? (
        <button type="button" class="btn" onClick={() => void sendNow()}>
          立即发送
        </button>
      ) : null}
    </section>
  );
}
