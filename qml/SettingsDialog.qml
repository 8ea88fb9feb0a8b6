// SPDX-License-Identifier: MIT
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Coroscope

// The HTTP target, the PostgreSQL source (password masked), the default delay and the theme.
Dialog {
    id: root
    property AppController controller
    title: "Settings"
    modal: true
    anchors.centerIn: Overlay.overlay
    width: Math.min(620, parent ? parent.width - 40 : 620)
    standardButtons: Dialog.Ok | Dialog.Cancel

    onAboutToShow: {
        httpField.text = controller.httpUrl
        dsnField.text = controller.postgresDsn
        delayField.text = controller.defaultDelay
        themeBox.currentIndex = Math.max(0, ["system", "light", "dark"].indexOf(controller.theme))
    }
    onAccepted: {
        controller.httpUrl = httpField.text
        controller.postgresDsn = dsnField.text
        const d = Number(delayField.text)
        if (d > 0)
            controller.defaultDelay = d
        controller.theme = themeBox.currentText
    }

    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: 12
        rowSpacing: 8
        Label { text: "HTTP target" }
        TextField {
            id: httpField
            Layout.fillWidth: true
            placeholderText: qsTr("empty: the embedded delay server (%1)").arg(root.controller.status.serverAddress)
        }
        Label { text: "PostgreSQL DSN" }
        TextField {
            id: dsnField
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: "empty: a private throwaway cluster"
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
        Label { text: "Default delay (s)" }
        TextField { id: delayField; Layout.fillWidth: true; inputMethodHints: Qt.ImhFormattedNumbersOnly }
        Label { text: "Theme" }
        ComboBox { id: themeBox; model: ["system", "light", "dark"] }
    }
}
