import { describe, expect, it } from 'vitest';
import {
  CONTENTION_SHARE,
  contentionNote,
  type MachineShare,
  machineShare,
  machineText,
  parseProcStat,
} from '#bench/machine-cpu.ts';

// user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 1/100 s
const PROC_STAT = `cpu  2000 100 300 9000 50 20 30 40 0 0
cpu0 1000 50 150 4500 25 10 15 20 0 0
cpu1 1000 50 150 4500 25 10 15 20 0 0
intr 12345
`;

describe('the machine beside a bench', () => {
  it('reads busy time (user, nice, system, irq, softirq) and steal from /proc/stat, not idle or iowait', () => {
    expect(parseProcStat(PROC_STAT, 5)).toEqual({ busy: 24.5, steal: 0.4, at: 5 });
  });

  it('answers null for text without the machine line or with a field missing', () => {
    expect(parseProcStat('intr 1\n')).toBeNull();
    expect(parseProcStat('cpu  1 2 3 4 5 6 7\n')).toBeNull();
  });

  it('what other processes used is the machine busy time less the bench’s own, never below zero', () => {
    const before = { busy: 100, steal: 1, at: 0 };
    const after = { busy: 150, steal: 3, at: 30_000 };
    expect(machineShare(before, after, 45, 2)).toEqual({ cores: 2, seconds: 30, busy: 50, others: 5, steal: 2 });
    expect(machineShare(before, after, 52, 2)?.others).toBe(0);
    expect(machineShare(null, after, 45, 2)).toBeNull();
  });

  const share = (others: number, steal: number): MachineShare => ({ cores: 2, seconds: 30, busy: 40, others, steal });

  it('warns once others and the host together take more than the share of the cores’ time, not at it', () => {
    const limit = CONTENTION_SHARE * 60;
    expect(contentionNote(share(limit / 2, limit / 2))).toBeUndefined();
    const note = contentionNote(share(limit / 2, limit / 2 + 0.1));
    expect(note).toContain("3.1 of the cores' 60.0 CPU-seconds");
    expect(note).toContain('(5%)');
    expect(contentionNote(null)).toBeUndefined();
  });

  it('says what the machine did in one line', () => {
    expect(machineText(share(0.4, 0))).toBe(
      "the machine 40.0 of 60.0 CPU-seconds busy (2 cores), 0.4 s of them other processes', 0.0 s taken by the host",
    );
  });
});
