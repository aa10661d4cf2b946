"""Alerts: routing changes to subscriptions, the outbox dispatcher, digests and deadline reminders.

`settings` holds the watcher.yaml models, `routing` the pure subscription matching, `render` the messages,
`dispatch` the delivery loop over the outbox (`watcher.storage.outbox`), `reminders` the deadline reminders.
"""
