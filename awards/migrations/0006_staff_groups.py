"""Create the four staff groups and their permissions.

Board administrators: everything. Board staff: every bloc, no rule editing and no
closing of years. Bloc secretaries: their blocs' memberships, meetings, nominations and
ratings (scoping to the assigned blocs is done in awards/roles.py). Viewers: read-only.
The names match awards/roles.py (BOARD_ADMIN_GROUP comes from settings).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BOARD_ADMIN = "Board administrators"
BOARD_STAFF = "Board staff"
SECRETARY = "Bloc secretaries"
VIEWER = "Viewers"

RULE_MODELS = {"quotarule", "exclusionrule", "prerequisiterule"}
SECRETARY_EDIT = {
    "membership": ("view", "add", "change", "delete"),
    "blocmeeting": ("view", "add", "change", "delete"),
    "nomination": ("view", "add", "change"),
    "taskrating": ("view", "add", "change"),
    "person": ("view", "add", "change"),
}
SECRETARY_VIEW = {
    "agency", "agencyname", "alias", "awardtype", "bloc", "blocname", "emulationyear",
    "decision", "sourcedocument", "quotarule", "exclusionrule", "prerequisiterule",
}


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def forwards(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    awards = Permission.objects.filter(content_type__app_label="awards")

    def model_of(perm):
        return perm.content_type.model

    everything = list(awards.select_related("content_type"))
    admin, _ = Group.objects.get_or_create(name=BOARD_ADMIN)
    admin.permissions.set(everything)

    staff_perms = [
        p for p in everything
        if not (model_of(p) in RULE_MODELS and not p.codename.startswith("view_"))
        and p.codename not in {"change_emulationyear", "delete_emulationyear"}
        and p.codename not in {"add_blocsecretary", "change_blocsecretary",
                               "delete_blocsecretary"}
    ]
    staff, _ = Group.objects.get_or_create(name=BOARD_STAFF)
    staff.permissions.set(staff_perms)

    secretary_perms = []
    for p in everything:
        action = p.codename.split("_", 1)[0]
        model = model_of(p)
        if action in SECRETARY_EDIT.get(model, ()) or (action == "view" and model in SECRETARY_VIEW):
            secretary_perms.append(p)
    secretary, _ = Group.objects.get_or_create(name=SECRETARY)
    secretary.permissions.set(secretary_perms)

    viewer, _ = Group.objects.get_or_create(name=VIEWER)
    viewer.permissions.set(
        [p for p in everything if p.codename.startswith("view_") and model_of(p) != "blocsecretary"]
    )


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[BOARD_ADMIN, BOARD_STAFF, SECRETARY, VIEWER]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0005_seed_rules"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
