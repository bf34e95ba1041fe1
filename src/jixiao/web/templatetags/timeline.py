"""The shared timeline partial (``web/_timeline.html``) takes entries from
:func:`jixiao.events.selectors.timeline`, or event rows (``events``) which it turns into entries."""

from django import template

from jixiao.events.selectors import TimelineEntry, entries_of

register = template.Library()


@register.simple_tag
def timeline_entries(timeline=None, events=None) -> list[TimelineEntry]:
    if timeline:
        return list(timeline)
    return entries_of(events) if events else []
