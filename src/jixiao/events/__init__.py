"""The event timeline (操作记录): who did what to which object, when, from which state to which, and why."""
