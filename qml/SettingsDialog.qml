// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// The HTTP target, the PostgreSQL source (password masked), the default delay and the theme.
Dialog {
    id: root
    property AppController controller
    title: qsTr("Settings")
    modal: true
    // The window dims behind: the dialog is plainly above every panel.
    Overlay.modal: Rectangle { color: "#66000000" }
    anchors.centerIn: Overlay.overlay
    width: Math.min(620, parent ? parent.width - 40 : 620)
    standardButtons: Dialog.Ok | Dialog.Cancel

    onAboutToShow: {
        httpField.text = controller.httpUrl
        dsnField.text = controller.postgresDsn
        delayField.text = controller.defaultDelay
        themeBox.currentIndex = Math.max(0, ["system", "light", "dark"].indexOf(controller.theme))
        languageBox.currentIndex = Math.max(0, ["system", "en", "ko"].indexOf(controller.language))
    }
    onAccepted: {
        controller.httpUrl = httpField.text
        controller.postgresDsn = dsnField.text
        const d = Number(delayField.text)
        if (d > 0)
            controller.defaultDelay = d
        controller.theme = themeBox.currentValue
        controller.language = languageBox.currentValue
    }

    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: 12
        rowSpacing: 8
        Label { text: qsTr("HTTP target") }
        TextField {
            id: httpField
            Layout.fillWidth: true
            placeholderText: qsTr("empty: the embedded delay server (%1)").arg(root.controller.status.serverAddress)
        }
        Label { text: qsTr("PostgreSQL DSN") }
        TextField {
            id: dsnField
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("empty: a private throwaway cluster")
        }
        Item { width: 1; height: 1 }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: 11
            color: palette.placeholderText
            text: qsTr("A DSN is a libpq connection string (host=… user=… password=…) or URI. It is stored in the settings "
                  + "and never shown elsewhere: messages name only user@host:port/db.")
        }
        Item { width: 1; height: 1 }
        Label {
            objectName: "settingsPostgres"
            Layout.fillWidth: true
            wrapMode: Text.WrapAnywhere
            font.pixelSize: 11
            text: qsTr("Now: %1").arg(root.controller.status.postgresText)
            color: root.controller.status.postgresState === "unreachable" || root.controller.status.postgresState === "unavailable"
                   ? "#cf222e" : palette.placeholderText
        }
        Label { text: qsTr("Default delay (s)") }
        TextField { id: delayField; Layout.fillWidth: true; inputMethodHints: Qt.ImhFormattedNumbersOnly }
        Label { text: qsTr("Theme") }
        ComboBox {
            id: themeBox
            objectName: "themeBox"
            Layout.preferredWidth: 220
            textRole: "text"
            valueRole: "value"
            model: [{ text: qsTr("as the system"), value: "system" }, { text: qsTr("light"), value: "light" },
                    { text: qsTr("dark"), value: "dark" }]
        }
        Label { text: qsTr("Language") }
        ComboBox {
            id: languageBox
            objectName: "languageBox"
            Layout.preferredWidth: 220
            textRole: "text"
            valueRole: "value"
            // Each language in its own words; the app, the chart and its exports follow at once.
            model: [{ text: qsTr("as the system"), value: "system" }, { text: "English", value: "en" },
                    { text: "한국어", value: "ko" }]
        }
    }
}
