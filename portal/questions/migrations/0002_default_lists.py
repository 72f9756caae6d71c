from django.db import migrations

CATEGORIES = ["城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生", "其他"]

REJECTION_REASONS = [
    ("与本期访谈主题无关", "您的提问与本期访谈主题关联不大，未能采纳。相关诉求可拨打12345政务服务便民热线反映。"),
    ("相同问题已有网友提出", "相同内容已有其他网友提出，请关注该问题的答复。"),
    ("内容不够明确", "提问内容不够明确，未能采纳，欢迎补充具体情况后重新提问。"),
    ("涉及个人隐私或他人信息", "提问涉及个人隐私或他人信息，为保护个人信息，未予发布。"),
    ("应通过法定途径解决", "所提事项应通过信访、行政复议、诉讼等法定途径解决，未予采纳。"),
    ("含有违法违规或不文明内容", "提问含有违反法律法规或不文明的内容，未予采纳。"),
    ("广告或无实际内容", "提问为广告或无实际内容，未予采纳。"),
]

FORWARD_CHANNELS = [
    (
        "12345政务服务便民热线",
        "拨打12345，或通过“我的南京”App、江苏政务服务网的12345在线平台反映诉求。",
        "",
    ),
    ("浦口区区长信箱", "通过浦口区人民政府门户网站“区长信箱”栏目反映。", ""),
]


def load(apps, schema_editor):
    Category = apps.get_model("questions", "Category")
    RejectionReason = apps.get_model("questions", "RejectionReason")
    ForwardChannel = apps.get_model("questions", "ForwardChannel")
    for order, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(name=name, defaults={"sort_order": order * 10})
    for order, (label, text) in enumerate(REJECTION_REASONS, start=1):
        RejectionReason.objects.get_or_create(label=label, defaults={"public_text": text, "sort_order": order * 10})
    for order, (name, description, url) in enumerate(FORWARD_CHANNELS, start=1):
        ForwardChannel.objects.get_or_create(
            name=name, defaults={"description": description, "url": url, "sort_order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("questions", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
