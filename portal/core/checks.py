from django.core.checks import Warning, register
from django.db.utils import DatabaseError


@register("portal", deploy=True)
def site_furniture_check(app_configs, **kwargs):
    """A government site must show its 网站标识码 and 备案 numbers; warn before going live without them."""
    from portal.core.models import SiteSettings  # noqa: PLC0415 -- models are not ready at import time

    try:
        site = SiteSettings.current()
    except DatabaseError:
        return []
    missing = [
        label
        for label, value in (
            ("网站标识码", site.site_id_code),
            ("ICP备案号", site.icp_number),
            ("公安机关备案号", site.police_number),
        )
        if not value
    ]
    return (
        [
            Warning(
                f"Site settings lack {', '.join(missing)}; the public footer omits them.",
                hint="Fill them in under 站点设置 in the admin.",
                id="portal.W001",
            )
        ]
        if missing
        else []
    )
