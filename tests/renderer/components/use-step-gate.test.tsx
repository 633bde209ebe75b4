// @vitest-environment happy-dom
/** The wizards' step gate: what a step still needs shows once the person tried to move on. */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useStepGate } from '../../../renderer/src/components/use-step-gate';

afterEach(cleanup);

describe('useStepGate', () => {
  it('lets a step with nothing missing go, and shows nothing', () => {
    const { result } = renderHook(() => useStepGate(0, [null, 'Enter the address.']));
    let moved = false;
    act(() => {
      moved = result.current.tryNext();
    });
    expect(moved).toBe(true);
    expect(result.current.errorText(0)).toBeNull();
  });

  it('holds a step that misses something, and says what only after the person tried', () => {
    const { result } = renderHook(({ blockers }) => useStepGate(1, blockers), {
      initialProps: { blockers: [null, 'Enter the address.'] as (string | null)[] },
    });
    expect(result.current.errorText(1)).toBeNull();
    let moved = true;
    act(() => {
      moved = result.current.tryNext();
    });
    expect(moved).toBe(false);
    expect(result.current.errorText(1)).toBe('Enter the address.');
    // Only the current step shows its message.
    expect(result.current.errorText(0)).toBeNull();
  });

  it('drops the message the moment its condition is met (worked out on every render, never kept)', () => {
    const { result, rerender } = renderHook(({ blockers }) => useStepGate(1, blockers), {
      initialProps: { blockers: [null, 'Enter the address.'] as (string | null)[] },
    });
    act(() => {
      result.current.tryNext();
    });
    rerender({ blockers: [null, null] });
    expect(result.current.errorText(1)).toBeNull();
  });

  it("as the wizard's onNavigate: holds Next while the step misses something, lets Previous go, tells who left", () => {
    const { result } = renderHook(() => useStepGate(1, [null, 'Enter the address.']));
    const go = vi.fn();
    const leaving = vi.fn();
    const navigate = (reason: 'next' | 'previous', requestedStepIndex: number) =>
      act(() => {
        result.current.onNavigate(go, leaving)({ detail: { reason, requestedStepIndex } } as never);
      });
    navigate('next', 2);
    expect(go).not.toHaveBeenCalled();
    expect(result.current.errorText(1)).toBe('Enter the address.');
    navigate('previous', 0);
    expect(go).toHaveBeenCalledWith(0);
    expect(leaving).toHaveBeenCalledWith(1);
  });
});
