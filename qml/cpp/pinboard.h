// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSettings>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace Coroscope {

class RunHandle;
struct RunData;

/**
 * The runs pinned for the compare view: each at most once, restored after a restart (the
 * saved runs' paths are remembered), labelled with the parameters that tell runs of one
 * experiment apart ("limit=4"), drawn with one lane-name column so that their time axes line
 * up exactly.
 */
class PinBoard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the controller's")
    Q_PROPERTY(QList<QObject *> runs READ runs NOTIFY changed)
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(double endSeconds READ endSeconds NOTIFY changed)
    Q_PROPERTY(double labelWidth READ labelWidth NOTIFY changed)
    /// The saved runs' paths that are pinned (the History marks them).
    Q_PROPERTY(QStringList paths READ paths NOTIFY changed)

public:
    explicit PinBoard(QObject *parent = nullptr);
    ~PinBoard() override;

    [[nodiscard]] QList<QObject *> runs() const;
    [[nodiscard]] int count() const { return static_cast<int>(m_pins.size()); }
    [[nodiscard]] double endSeconds() const;
    [[nodiscard]] double labelWidth() const { return m_labelWidth; }
    [[nodiscard]] QStringList paths() const;
    [[nodiscard]] const std::vector<RunHandle *> &handles() const { return m_handles; }

    /// Pins a copy of `run` (saved at `path`, if it is); false with `error` when it is pinned
    /// already.
    bool pin(const RunData &run, const QString &path, const QString &name, QString *error);
    [[nodiscard]] bool isPinned(const QString &path) const
    {
        return !path.isEmpty() && paths().contains(path);
    }
    Q_INVOKABLE void unpin(int index);
    /// Unpins the run saved at `path`.
    Q_INVOKABLE void unpinPath(const QString &path);
    Q_INVOKABLE void clear();
    /// The pins of the last session whose files still exist (run files are read as they are
    /// opened: a file that no longer reads is dropped).
    void restore();
    /// The saved run at `from` is now at `to` (renamed in the History).
    void renamePath(const QString &from, const QString &to, const QString &name);
    /// The language changed: labels again.
    void retranslate();

Q_SIGNALS:
    void changed();

private:
    struct Pin
    {
        RunHandle *handle = nullptr;
        QString path;
        QString baseTitle;
        QString key; ///< what makes two pins the same run
    };
    void relabel();
    void save();

    std::vector<Pin> m_pins;
    std::vector<RunHandle *> m_handles;
    double m_labelWidth = 0;
    QSettings m_settings;
};

} // namespace Coroscope
