"""Events name their evaluation (for scoping) and use the verb codes of ``EventVerb``; earlier rows
stored the Chinese label, or the source of an import."""

import django.db.models.deletion
from django.db import migrations, models

# Chinese labels (and free strings) written before the verbs were an enumeration.
OLD_VERBS = {"导入": "import", "演示数据": "load", "提交": "submit", "退回": "return", "审核通过": "accept",
             "公开": "publish"}


def forwards(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    Evaluation = apps.get_model("evaluations", "Evaluation")
    for old, new in OLD_VERBS.items():
        Event.objects.filter(verb=old).update(verb=new)
    Event.objects.exclude(verb__in=list(OLD_VERBS.values())).update(verb="import")
    existing = set(Evaluation.objects.values_list("pk", flat=True))
    for event in Event.objects.filter(object_type="evaluations.evaluation").only("pk", "object_id"):
        if event.object_id.isdigit() and int(event.object_id) in existing:
            Event.objects.filter(pk=event.pk).update(evaluation_id=int(event.object_id))


def backwards(apps, schema_editor):
    Event = apps.get_model("events", "Event")
    for old, new in OLD_VERBS.items():
        Event.objects.filter(verb=new).update(verb=old)


class Migration(migrations.Migration):

    dependencies = [
        ('evaluations', '0001_initial'),
        ('events', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='event',
            name='evaluation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='events', to='evaluations.evaluation', verbose_name='绩效自评'),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name='event',
            name='verb',
            field=models.CharField(choices=[('import', '导入'), ('load', '载入演示数据'), ('edit', '修改'), ('rescore', '重新评分'), ('submit', '提交'), ('return', '退回'), ('accept', '审核通过'), ('publish', '公开'), ('upload', '上传'), ('download', '下载')], max_length=20, verbose_name='操作'),
        ),
    ]
