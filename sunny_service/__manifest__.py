{
    "name": "Education Sunshine Service",
    "summary": "教育阳光服务: consultations, complaints, suggestions and reports "
    "answered on time, reviewed, followed up and published",
    "version": "18.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/sunny-service/sunny-service",
    "author": "Sunny Service developers",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "application": True,
    "depends": ["mail", "portal", "resource"],
    "external_dependencies": {"python": ["chinesecalendar"]},
    "data": [
        "security/sunny_security.xml",
        "security/ir.model.access.csv",
        "security/sunny_rules.xml",
        "data/ir_sequence_data.xml",
        "data/mail_alias_data.xml",
        "data/sunny_holiday_data.xml",
        "wizards/sunny_case_action_wizard_views.xml",
        "wizards/sunny_case_merge_wizard_views.xml",
        "views/sunny_unit_views.xml",
        "views/sunny_station_views.xml",
        "views/sunny_case_category_views.xml",
        "views/sunny_holiday_views.xml",
        "views/sunny_case_views.xml",
        "views/sunny_case_record_views.xml",
        "views/sunny_menus.xml",
    ],
    "demo": [
        "demo/sunny_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sunny_service/static/tests/tours/*.js",
        ],
    },
}
