"""Notifications (通知): what a person is told in the app, and by e-mail, when something they must act on happens."""
