//! The kiosk's idle timer: when to show the "starting over" notice, and when to reset. Time is
//! a value passed in, never read from a clock here, so tests step it freely.

use std::time::Duration;

/// The notice appears this long before the reset at most (less for short timeouts).
pub const NOTICE_LEAD: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idle {
    pub last_input: Duration,
    /// Whether the "starting over soon" notice is on screen.
    pub notice: bool,
}

/// How long before the reset the notice shows: `min(30 s, timeout / 2)`.
pub fn notice_lead(timeout: Duration) -> Duration {
    NOTICE_LEAD.min(timeout / 2)
}

impl Idle {
    pub fn new(now: Duration) -> Idle {
        Idle {
            last_input: now,
            notice: false,
        }
    }

    /// Records input. Returns true when the input only dismissed the notice.
    pub fn input(&mut self, now: Duration) -> bool {
        self.last_input = now;
        std::mem::replace(&mut self.notice, false)
    }

    /// Advances time. Returns true when the session should reset now.
    pub fn tick(&mut self, now: Duration, timeout: Option<Duration>) -> bool {
        let Some(timeout) = timeout else {
            return false;
        };
        let idle = now.saturating_sub(self.last_input);
        if idle >= timeout {
            return true;
        }
        if idle >= timeout - notice_lead(timeout) {
            self.notice = true;
        }
        false
    }

    /// The next moment a tick changes something.
    pub fn deadline(&self, timeout: Option<Duration>) -> Option<Duration> {
        let timeout = timeout?;
        // Saturating: no timeout, however long, can overflow the clock.
        let at = self.last_input.saturating_add(timeout);
        Some(if self.notice {
            at
        } else {
            at.saturating_sub(notice_lead(timeout))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: fn(u64) -> Duration = Duration::from_secs;

    #[test]
    fn no_timeout_overflows_the_clock() {
        let idle = Idle::new(S(5));
        assert_eq!(
            idle.deadline(Some(Duration::MAX)),
            Some(Duration::MAX - notice_lead(Duration::MAX))
        );
        assert!(idle.deadline(Some(S(u64::MAX))).is_some());
    }

    #[test]
    fn notice_then_reset_on_the_controlled_clock() {
        let mut idle = Idle::new(S(0));
        let timeout = Some(S(120));
        assert_eq!(idle.deadline(timeout), Some(S(90)));
        assert!(!idle.tick(S(89), timeout));
        assert!(!idle.notice);
        assert!(!idle.tick(S(90), timeout));
        assert!(idle.notice);
        assert_eq!(idle.deadline(timeout), Some(S(120)));
        assert!(idle.tick(S(120), timeout));
    }

    #[test]
    fn input_dismisses_the_notice_and_restarts_the_timer() {
        let mut idle = Idle::new(S(0));
        let timeout = Some(S(10));
        idle.tick(S(5), timeout);
        assert!(idle.notice, "short timeouts warn at half time");
        assert!(idle.input(S(7)));
        assert!(!idle.notice);
        assert!(!idle.input(S(8)), "a second key is an ordinary key");
        assert!(!idle.tick(S(17), timeout));
        assert!(idle.tick(S(18), timeout));
    }

    #[test]
    fn no_timeout_never_resets() {
        let mut idle = Idle::new(S(0));
        assert!(!idle.tick(S(1_000_000), None));
        assert_eq!(idle.deadline(None), None);
    }
}
